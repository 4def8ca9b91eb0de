package io.impetus.client.internal.session;

import io.impetus.client.DataStore;
import io.impetus.client.ImpetusException;
import io.impetus.client.spi.RemoteDataStore;
import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.job.JobSpec;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.net.QueueCaller;
import io.impetus.core.net.ReconnectPolicy;
import io.impetus.core.net.ReconnectingConnection;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's session with the queue, bound to its stream, over a {@link ReconnectingConnection}.
 * Each connection, the first and every one after a loss, is made ready the same way before it
 * carries anything else: the code bundle is uploaded unless the queue holds it, the stream is
 * opened (the queue pushes the results not yet acknowledged, which go to the results consumer
 * like any other), and the submit batches not yet acknowledged are sent again. Acknowledgements
 * and data store calls that were sent on a lost connection are sent again on the next one; calls
 * made while the queue is away wait for it. Acknowledgements gather for {@link #ACK_GATHERING}
 * and go out together: one message and one journal record for many results, and none in the
 * middle of each round trip when jobs run one at a time (results the queue has not heard
 * acknowledged stay there; after a loss it pushes them again, and the client, recognizing their
 * ids, records them once). Pushed results go to the results consumer on the connection's I/O
 * thread. Giving up on the queue, or a submit or acknowledgement it refuses, goes to the failure
 * consumer.
 *
 * <p>Thread-safe.
 */
public final class QueueSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueSession.class);
  /** How long acknowledgements gather before they are sent together. */
  static final Duration ACK_GATHERING = Duration.ofMillis(20);

  private final SessionConfig config;
  private final CodeBundle bundle;
  private final Consumer<JobResults> onResults;
  private final Consumer<RuntimeException> onFailure;
  private final Submitter submitter;
  private volatile @Nullable ReconnectingConnection link;
  private volatile @Nullable IdleStreamWatch idleWatch;
  private @Nullable StreamOpened opened;
  private final AckGathering acks = new AckGathering(CompletableFuture.delayedExecutor(
      ACK_GATHERING.toMillis(), TimeUnit.MILLISECONDS, Runnable::run), this::sendAck);
  private volatile boolean streamClosing;
  private volatile boolean closing;

  private QueueSession(SessionConfig config, CodeBundle bundle, Consumer<JobResults> onResults,
      Consumer<RuntimeException> onFailure) {
    this.config = config;
    this.bundle = bundle;
    this.onResults = onResults;
    this.onFailure = onFailure;
    this.submitter = new Submitter(config.streamId(), config.submitCapacity(), this::fail);
  }

  /**
   * Connects, authenticates, uploads the bundle if needed and opens the stream. On re-attach the
   * queue pushes the unacknowledged results, possibly before this returns.
   *
   * @throws ImpetusException when the queue is unreachable, refuses the key or the stream
   */
  public static QueueSession connect(SessionConfig config, CodeBundle bundle,
      Consumer<JobResults> onResults, Consumer<RuntimeException> onFailure) {
    QueueSession session = new QueueSession(config, bundle, onResults, onFailure);
    ReconnectingConnection link;
    try {
      link = ReconnectingConnection.open(session::connection, config.address(),
          ReconnectPolicy.within(config.waits().connect()),
          ReconnectPolicy.within(config.waits().reconnect()), session::establish,
          session::gaveUp, "client");
    } catch (PeerException e) {
      throw new ImpetusException(e.getMessage(), e);
    }
    try {
      link.whenUp().get();
    } catch (ExecutionException e) {
      link.close();
      throw new ImpetusException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      link.close();
      Thread.currentThread().interrupt();
      throw new ImpetusException("interrupted while waiting for the queue", e);
    }
    session.link = link;
    session.submitter.start(link);
    Duration idleWarning = config.waits().idleWarning();
    if (!idleWarning.isZero()) {
      session.idleWatch = new IdleStreamWatch(link, config.streamId(), idleWarning,
          System::nanoTime);
      session.idleWatch.start();
    }
    return session;
  }

  private PeerConnection connection() {
    String streamId = config.streamId();
    return PeerConnection.open(config.address(), config.authkey(), PeerRole.CLIENT, streamId,
        push -> {
          if (push instanceof JobResults results && results.streamId().equals(streamId)) {
            IdleStreamWatch watch = idleWatch;
            if (watch != null) {
              watch.resultsArrived();
            }
            onResults.accept(results);
          }
        });
  }

  /** Readies a connection: bundle, stream, and on a new connection the unacknowledged jobs. */
  private void establish(PeerConnection connection, boolean first) {
    if (streamClosing) {
      return;
    }
    BundlePresence presence = ReconnectingConnection.await(
        connection.call(rid -> new HasBundle(rid, bundle.hash()), BundlePresence.class));
    if (!presence.present()) {
      ReconnectingConnection.await(connection.call(
          rid -> new PutBundle(rid, bundle.hash(), bundle.bytes()), Ack.class));
    }
    StreamOpened answer = ReconnectingConnection.await(connection.call(
        rid -> new OpenStream(rid, config.streamId(), config.properties()), StreamOpened.class));
    if (first) {
      opened = answer;
      return;
    }
    if (!answer.existed()) {
      ReconnectingConnection.await(
          connection.call(rid -> new CloseStream(rid, config.streamId()), Ack.class));
      throw new PeerException("the queue no longer holds stream " + config.streamId()
          + ", so its jobs are lost (was it restarted without its --data directory?)");
    }
    LOG.debug("re-opened stream {}: {} jobs not yet acknowledged", config.streamId(),
        answer.unfinished());
    submitter.resend(connection);
  }

  private void gaveUp(PeerException reason) {
    if (link != null) {
      fail(new ImpetusException(reason.getMessage(), reason));
    }
  }

  private void fail(RuntimeException cause) {
    if (!closing) {
      onFailure.accept(cause);
    }
  }

  /** The queue's answer when the first connection opened the stream. */
  public StreamOpened opened() {
    StreamOpened answer = opened;
    if (answer == null) {
      throw new IllegalStateException("the stream has not been opened");
    }
    return answer;
  }

  /** The stream's data store, with values serialized by {@code codec}. */
  public DataStore store(PayloadCodec codec) {
    return new RemoteDataStore(link(), config.streamId(), codec);
  }

  /** Queues a job for the next submit batch; waits only while the queue of jobs is full. */
  public void submit(JobSpec spec) {
    submitter.add(spec);
  }

  /**
   * Acknowledges recorded results, asynchronously: within {@link #ACK_GATHERING}, together with
   * the others of that time; sent again after a reconnection.
   */
  public void ack(List<String> jobIds) {
    acks.add(jobIds);
  }

  private void sendAck(List<String> jobIds) {
    link().call(rid -> new AckResults(rid, config.streamId(), jobIds), Ack.class)
        .whenComplete((ack, error) -> {
          if (error != null) {
            fail(new ImpetusException("cannot acknowledge results: "
                + QueueCaller.failureMessage(error), error));
          }
        });
  }

  /**
   * Acknowledges results once every job queued before this call is safe at the queue, so that a
   * stage's batch is never acknowledged before the jobs the stage forked from it.
   */
  public void ackAfterForks(List<String> jobIds) {
    submitter.allAcknowledged().thenRun(() -> ack(jobIds));
  }

  /** Deletes the stream at the queue: the run is complete. Later connections leave it alone. */
  public void closeStream() {
    streamClosing = true;
    try {
      link().call(rid -> new CloseStream(rid, config.streamId()), Ack.class).get();
    } catch (ExecutionException e) {
      throw new ImpetusException(QueueCaller.failureMessage(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImpetusException("interrupted while waiting for the queue", e);
    }
  }

  @Override
  public void close() {
    closing = true;
    submitter.stop();
    if (idleWatch != null) {
      idleWatch.close();
    }
    if (link != null) {
      acks.flush();
      link.close();
    }
  }

  private ReconnectingConnection link() {
    ReconnectingConnection current = link;
    if (current == null) {
      throw new IllegalStateException("not connected");
    }
    return current;
  }
}
