package io.impetus.client.internal.session;

import io.impetus.client.DataStore;
import io.impetus.client.ImpetusException;
import io.impetus.core.net.PeerConnection;
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
 * on workers alike, each with the payload codec of its own classes. Thread-safe.
 */
public final class RemoteDataStore implements DataStore {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final PeerConnection connection;
  private final String streamId;
  private final PayloadCodec codec;

  /** The data store of {@code streamId}, over {@code connection}. */
  public RemoteDataStore(PeerConnection connection, String streamId, PayloadCodec codec) {
    this.connection = connection;
    this.streamId = streamId;
    this.codec = codec;
  }

  @Override
  public void put(String key, @Nullable Object value) {
    byte[] bytes;
    try {
      bytes = codec.encode(value);
    } catch (PayloadException e) {
      throw new IllegalArgumentException("the value for key '" + key + "' " + e.getMessage(), e);
    }
    await(connection.call(rid -> new PutData(rid, streamId, key, bytes), Ack.class));
  }

  @Override
  public @Nullable Object get(String key) {
    byte[] bytes = await(connection.call(rid -> new GetData(rid, streamId, key),
        DataValue.class)).value();
    return bytes == null ? null : codec.decode(bytes);
  }

  @Override
  public <T> @Nullable T get(String key, Class<T> type) {
    return type.cast(get(key));
  }

  @Override
  public boolean remove(String key) {
    return await(connection.call(rid -> new DeleteData(rid, streamId, key), DataValue.class))
        .value() != null;
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ImpetusException("data store of stream " + streamId + ": "
          + QueueSession.rootMessage(e), e.getCause());
    } catch (TimeoutException e) {
      throw new ImpetusException("the queue at " + connection.address()
          + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImpetusException("interrupted while waiting for the queue", e);
    }
  }
}
