package io.impetus.client.internal.session;

import io.impetus.client.DataStore;
import io.impetus.client.ImpetusException;
import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.job.JobSpec;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
import io.impetus.core.protocol.BundlePresence;
import io.impetus.core.protocol.CloseStream;
import io.impetus.core.protocol.HasBundle;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.PutBundle;
import io.impetus.core.protocol.StreamOpened;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A client's connection to the queue, bound to its stream. Results pushed by the queue go to the
 * results consumer on the connection's I/O thread; an unexpected loss of the connection, or a
 * failed submit or acknowledgement, goes to the failure consumer.
 *
 * <p>Thread-safe.
 */
public final class QueueSession implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final PeerConnection connection;
  private final String streamId;
  private final Submitter submitter;
  private final Consumer<RuntimeException> onFailure;
  private volatile boolean closing;

  private QueueSession(PeerConnection connection, String streamId,
      Consumer<RuntimeException> onFailure) {
    this.connection = connection;
    this.streamId = streamId;
    this.onFailure = onFailure;
    this.submitter = new Submitter(connection, streamId, this::fail);
  }

  /**
   * Connects and authenticates.
   *
   * @throws ImpetusException when the queue is unreachable or refuses the key
   */
  public static QueueSession connect(HostAndPort address, Authkey authkey, String streamId,
      Consumer<JobResults> onResults, Consumer<RuntimeException> onFailure) {
    PeerConnection connection;
    try {
      connection = PeerConnection.open(address, authkey, PeerRole.CLIENT, streamId, push -> {
        if (push instanceof JobResults results && results.streamId().equals(streamId)) {
          onResults.accept(results);
        }
      });
    } catch (PeerException e) {
      throw new ImpetusException(e.getMessage(), e);
    }
    QueueSession session = new QueueSession(connection, streamId, onFailure);
    connection.closeFuture().thenRun(() -> {
      if (!session.closing) {
        session.fail(new ImpetusException(
            "lost the connection to the queue at " + address));
      }
    });
    session.submitter.start();
    return session;
  }

  private void fail(RuntimeException cause) {
    if (!closing) {
      onFailure.accept(cause);
    }
  }

  /** Uploads the bundle unless the queue already holds it. */
  public void upload(CodeBundle bundle) {
    BundlePresence presence =
        await(connection.call(rid -> new HasBundle(rid, bundle.hash()), BundlePresence.class));
    if (!presence.present()) {
      await(connection.call(rid -> new PutBundle(rid, bundle.hash(), bundle.bytes()), Ack.class));
    }
  }

  /**
   * Creates or re-attaches to the stream. On re-attach, the queue pushes the unacknowledged
   * results, possibly before this returns.
   *
   * @return whether the stream existed, and how many of its jobs are unacknowledged
   */
  public StreamOpened open(Map<String, String> properties) {
    return await(connection.call(rid -> new OpenStream(rid, streamId, properties),
        StreamOpened.class));
  }

  /** The stream's data store, with values serialized by {@code codec}. */
  public DataStore store(PayloadCodec codec) {
    return new RemoteDataStore(connection, streamId, codec);
  }

  /** Queues a job for the next submit batch; returns at once. */
  public void submit(JobSpec spec) {
    submitter.add(spec);
  }

  /** Acknowledges recorded results, asynchronously. */
  public void ack(List<String> jobIds) {
    connection.call(rid -> new AckResults(rid, streamId, jobIds), Ack.class)
        .whenComplete((ack, error) -> {
          if (error != null) {
            fail(new ImpetusException("cannot acknowledge results: " + rootMessage(error), error));
          }
        });
  }

  /** Deletes the stream at the queue: the run is complete. */
  public void closeStream() {
    await(connection.call(rid -> new CloseStream(rid, streamId), Ack.class));
  }

  @Override
  public void close() {
    closing = true;
    submitter.stop();
    connection.close();
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      throw new ImpetusException(rootMessage(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new ImpetusException("the queue at " + connection.address() + " did not answer within "
          + CALL_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImpetusException("interrupted while waiting for the queue", e);
    }
  }

  static String rootMessage(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
