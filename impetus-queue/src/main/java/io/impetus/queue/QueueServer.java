package io.impetus.queue;

import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.queue.internal.journal.DataDirectory;
import io.impetus.queue.internal.journal.FileJournal;
import io.impetus.queue.internal.journal.Journal;
import io.impetus.queue.internal.journal.StateImage;
import io.impetus.queue.internal.net.EventLoopScheduler;
import io.impetus.queue.internal.net.QueueNetwork;
import io.impetus.queue.internal.stream.BundleStore;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.impetus.queue.internal.stream.StreamContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A running queue: recovers its state from the data directory (when it has one), then listens on
 * its address until closed. Embeddable (tests, the local demo); the daemon wraps one. Closing
 * drains: it stops listening, closes every connection, and writes and syncs the journal.
 *
 * <p>Thread-safe.
 */
public final class QueueServer implements AutoCloseable {

  private final @Nullable DataDirectory data;
  private final Journal journal;
  private final DefaultEventExecutorGroup timers;
  private final QueueState state;
  private final QueueNetwork network;
  private final ScheduledFuture<?> sweeper;
  private final AtomicBoolean closed = new AtomicBoolean();

  private QueueServer(QueueConfig config, @Nullable DataDirectory data, Journal journal,
      StateImage image) {
    this.data = data;
    this.journal = journal;
    this.timers = new DefaultEventExecutorGroup(1, new DefaultThreadFactory("queue-timer", true));
    long firstEpoch = data == null ? 0 : data.generation() << 32;
    StreamContext context = new StreamContext(config.clock(), new EventLoopScheduler(timers),
        journal, firstEpoch, config.leaseOrder());
    this.state = new QueueState(image, context,
        new BundleStore(data == null ? null : data.bundles()), config.leaseTimeout(),
        config.retention());
    journal.compactFrom(state);
    try {
      this.network = QueueNetwork.start(config.bind(), config.authkey(),
          config.handshakeTimeout(), config.maxFrame(), config.maxConnections(), state);
    } catch (RuntimeException e) {
      timers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      throw e;
    }
    long period = Math.max(50, Math.min(1000, config.leaseTimeout().toMillis() / 10));
    this.sweeper = timers.scheduleAtFixedRate(state::sweep, period, period,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a queue.
   *
   * @throws IllegalStateException when it cannot use its data directory or listen on the
   *     address, with the reason
   */
  public static QueueServer start(QueueConfig config) {
    if (config.data() == null) {
      return new QueueServer(config, null, Journal.none(), new StateImage());
    }
    DataDirectory data = DataDirectory.open(config.data());
    FileJournal journal = null;
    try {
      journal = FileJournal.open(data.journal(), config.journal());
      return new QueueServer(config, data, journal, journal.recovered());
    } catch (RuntimeException e) {
      if (journal != null) {
        journal.close();
      }
      data.close();
      throw e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The address the queue listens on, with the actual port when 0 was asked for. */
  public HostAndPort address() {
    return network.address();
  }

  /** A stream's backlog, if the stream exists. */
  public Optional<StreamBacklog> backlog(String streamId) {
    return state.find(streamId).map(Stream::backlog);
  }

  /**
   * The most jobs a stream has had waiting or processing at once since the queue started, a
   * diagnostics figure (it shows that {@code mss} holds).
   */
  public Optional<Integer> peakUnfinished(String streamId) {
    return state.find(streamId).map(Stream::peakUnfinished);
  }

  /** The ids of the streams the queue holds. */
  public List<String> streamIds() {
    return state.streams().stream().map(Stream::id).toList();
  }

  /** How many nodes are registered. */
  public int nodeCount() {
    return state.nodeStatuses().size();
  }

  /** Stops listening, closes every connection, then writes and syncs the journal. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    state.shutDown();
    network.close();
    sweeper.cancel(false);
    timers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    journal.close();
    if (data != null) {
      data.close();
    }
  }
}
