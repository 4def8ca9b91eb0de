package io.impetus.client.spi;

import io.impetus.client.DataStore;
import io.impetus.client.ImpetusException;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.QueueCaller;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.payload.PayloadException;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.DeleteData;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.PutData;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataStore} kept by the queue, reached over a connection: used by clients and by jobs
 * on workers alike, each with the payload codec of its own classes. Over a single connection (a
 * worker's) each call waits at most 60 s; over a caller that bounds its own calls (the client's
 * reconnecting connection) a call waits as long as the caller does, so that a call made while
 * the queue is away waits for it to come back. A {@code remove} sent again after a reconnection
 * may report that nothing was there when its first sending removed the value.
 *
 * <p>Thread-safe.
 */
public final class RemoteDataStore implements DataStore {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final QueueCaller queue;
  private final String streamId;
  private final PayloadCodec codec;
  private final @Nullable Duration timeout;

  /** The data store of {@code streamId}, over {@code connection}; calls time out after 60 s. */
  public RemoteDataStore(PeerConnection connection, String streamId, PayloadCodec codec) {
    this(connection, streamId, codec, TIMEOUT);
  }

  /** The data store of {@code streamId}, over {@code queue}, which bounds its calls itself. */
  public RemoteDataStore(QueueCaller queue, String streamId, PayloadCodec codec) {
    this(queue, streamId, codec, null);
  }

  private RemoteDataStore(QueueCaller queue, String streamId, PayloadCodec codec,
      @Nullable Duration timeout) {
    this.queue = queue;
    this.streamId = streamId;
    this.codec = codec;
    this.timeout = timeout;
  }

  @Override
  public void put(String key, @Nullable Object value) {
    byte[] bytes;
    try {
      bytes = codec.encode(value);
    } catch (PayloadException e) {
      throw new IllegalArgumentException("the value for key '" + key + "' " + e.getMessage(), e);
    }
    await(queue.call(rid -> new PutData(rid, streamId, key, bytes), Ack.class));
  }

  @Override
  public @Nullable Object get(String key) {
    byte[] bytes = await(queue.call(rid -> new GetData(rid, streamId, key),
        DataValue.class)).value();
    return bytes == null ? null : codec.decode(bytes);
  }

  @Override
  public <T> @Nullable T get(String key, Class<T> type) {
    return type.cast(get(key));
  }

  @Override
  public boolean remove(String key) {
    return await(queue.call(rid -> new DeleteData(rid, streamId, key), DataValue.class))
        .value() != null;
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return timeout == null ? future.get()
          : future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ImpetusException("data store of stream " + streamId + ": "
          + QueueCaller.failureMessage(e), e.getCause());
    } catch (TimeoutException e) {
      throw new ImpetusException("the queue at " + queue.address()
          + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImpetusException("interrupted while waiting for the queue", e);
    }
  }
}
