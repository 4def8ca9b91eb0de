package io.impetus.node;

import io.impetus.core.net.ConnectionClosedException;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.net.ReconnectPolicy;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BacklogNotice;
import io.impetus.core.protocol.Backlogs;
import io.impetus.core.protocol.Drain;
import io.impetus.core.protocol.Heartbeat;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.QueryBacklogs;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.node.internal.spawn.WorkerLauncher;
import io.impetus.node.internal.spawn.WorkerPool;
import io.impetus.node.internal.spawn.WorkerProcess;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: registered with the queue, it starts workers for every stream that has waiting
 * jobs, as the queue announces them and as it finds when it asks for every stream's backlog
 * (whenever a worker ends, and every half second), following each stream's properties (see {@link
 * io.impetus.core.job.StreamProperties}); when more streams have work than it has slots, it
 * shares them by the streams' weights; it keeps warm workers to hand to new streams (see {@link
 * io.impetus.node.internal.spawn.WorkerPool}), and watches its workers: a job past its time
 * limit gets its worker's thread dump taken and its worker killed, and every worker's end is
 * reported to the queue with the job it was running and why it ended. Embeddable (tests, the
 * local demo); the daemon wraps one.
 *
 * <p>{@link #drain} (also on the queue's {@link Drain} request) ends a node gracefully: it starts
 * no workers, its workers lease nothing new and leave once their jobs are done, workers still
 * busy when the grace period ends are killed (their jobs return to the queue uncounted), the
 * node reports every end, leaves the registry and closes.
 *
 * <p>A node outlives its queue. When the connection drops it keeps its workers managed (they exit
 * by themselves, having lost the queue too), reconnects with back-off for as long as it takes,
 * registers again (the queue then announces every stream with waiting jobs) and heartbeats at the
 * interval the queue gives. Heartbeats and worker reports that fall while it is disconnected are
 * skipped: the queue forgot the node's leases anyway.
 *
 * <p>Thread-safe.
 */
public final class NodeServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);

  private final NodeConfig config;
  private final ScheduledExecutorService events;
  private final WorkerPool pool;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile @Nullable ReconnectingConnection link;
  private @Nullable ScheduledFuture<?> heartbeats;
  private volatile boolean closing;

  /** How often the watchdog looks for jobs past their time limit. */
  private static final long WATCH_MILLIS = 100;

  private final Set<CompletableFuture<?>> reports = ConcurrentHashMap.newKeySet();
  private final AtomicReference<@Nullable CompletableFuture<Void>> drained =
      new AtomicReference<>();

  private NodeServer(NodeConfig config) {
    this.config = config;
    this.events = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "node-events");
      thread.setDaemon(true);
      return thread;
    });
    WorkerLauncher launcher = new WorkerLauncher(
        Path.of(System.getProperty("java.home"), "bin", "java"), config.workerClasspath(),
        config.workerJvmOptions(), config.queue(), config.authkey(), config.nodeId(),
        config.cache(), config.workerLog());
    this.pool = new WorkerPool(launcher, config.mpps(), config.capacity(), config.warm(),
        this::workerExited, events);
    events.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS,
        TimeUnit.MILLISECONDS);
    long refresh = WorkerPool.REFRESH.toMillis();
    events.scheduleWithFixedDelay(this::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
  }

  private void watch() {
    try {
      pool.watch();
    } catch (RuntimeException e) {
      LOG.error("the watchdog failed this round", e);
    }
  }

  /**
   * Starts the warm workers (first, so that they are under way when the queue announces the
   * streams that wait), then connects to the queue and registers. A queue that is not there yet
   * (or drops the node's first handshake) is waited for in the background, as after a loss: for
   * as long as it takes, or {@link NodeConfig#queueWait} (the node then ends, see {@link
   * #closeFuture}).
   *
   * @throws PeerException when the queue refuses the key or the node
   */
  public static NodeServer start(NodeConfig config) {
    NodeServer node = new NodeServer(config);
    node.events.execute(node.pool::start);
    ReconnectPolicy policy = config.queueWait() == null ? ReconnectPolicy.forever()
        : ReconnectPolicy.within(config.queueWait());
    ReconnectingConnection link;
    try {
      link = ReconnectingConnection.open(node::connect, config.queue(), policy, policy,
          node::establish, node::gaveUp, "node");
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    node.link = link;
    LOG.info("node {} {} queue {}; max processes per stream {}, in all {}, warm {}",
        config.nodeId(), link.current().isPresent() ? "connected to" : "waits for",
        config.queue(), config.mpps(), config.capacity(), config.warm());
    return node;
  }

  private PeerConnection connect() {
    return PeerConnection.open(config.queue(), config.authkey(), PeerRole.NODE, config.nodeId(),
        push -> {
          if (push instanceof BacklogNotice notice) {
            events.execute(() -> pool.backlog(notice.backlog()));
          } else if (push instanceof Drain drain) {
            LOG.info("the queue asks node {} to drain", config.nodeId());
            drain(Duration.ofMillis(drain.graceMillis()));
          }
        });
  }

  /** Registers on a new connection and heartbeats at the interval the queue asks for. */
  private void establish(PeerConnection connection, boolean first) {
    NodeRegistered registered;
    try {
      registered = ReconnectingConnection.await(register(connection));
    } catch (ConnectionClosedException e) {
      throw e;
    } catch (PeerException e) {
      throw new PeerException("the queue refused to register node " + config.nodeId() + ": "
          + e.getMessage(), e);
    }
    long interval = registered.heartbeatMillis();
    synchronized (this) {
      if (heartbeats != null) {
        heartbeats.cancel(false);
      }
      if (!closing) {
        heartbeats = events.scheduleAtFixedRate(this::heartbeat, interval, interval,
            TimeUnit.MILLISECONDS);
      }
    }
  }

  private CompletableFuture<NodeRegistered> register(PeerConnection connection) {
    return connection.call(rid -> new RegisterNode(rid, config.nodeId(), hostName(),
        config.capacity(), version()), NodeRegistered.class);
  }

  /** Tells the queue the node and its workers are alive; registers again if it forgot us. */
  private void heartbeat() {
    connection().ifPresent(connection -> connection
        .call(rid -> new Heartbeat(rid, config.nodeId(), pool.load()), Ack.class)
        .exceptionallyCompose(error -> {
          if (closing || !connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
          }
          LOG.warn("heartbeat refused ({}); registering again", error.getMessage());
          return register(connection).thenApply(registered -> null);
        }));
  }

  /** Reports a worker's end, then looks at every stream's backlog again. */
  private void workerExited(WorkerProcess worker, WorkerProcess.Ending ending) {
    connection().ifPresent(connection -> {
      CompletableFuture<Ack> report = connection.call(rid -> new WorkerExited(rid,
          config.nodeId() + "/" + worker.pid(), ending.jobId(), ending.cause(), ending.detail(),
          ending.jobAtFault()), Ack.class);
      reports.add(report);
      report.whenComplete((ack, error) -> {
        reports.remove(report);
        refresh();
      });
    });
  }

  /**
   * Asks the queue for every stream's backlog and hands it to the pool, so that a free slot goes
   * to whichever stream waits for one (and no stream is forgotten whose notice came while the
   * node was full).
   */
  private void refresh() {
    if (pool.draining()) {
      return;
    }
    connection().ifPresent(connection -> connection
        .call(QueryBacklogs::new, Backlogs.class)
        .thenAccept(reply -> events.execute(() -> pool.backlogs(reply.backlogs())))
        .exceptionally(error -> null));
  }

  /**
   * Drains the node: no new workers, every worker finishes the jobs it holds and leaves; those
   * still busy after {@code grace} are killed, their jobs returning to the queue uncounted. Once
   * every worker's end is reported, the node closes. Calling it again returns the same future.
   *
   * @return completes when the node has closed
   */
  public CompletableFuture<Void> drain(Duration grace) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!drained.compareAndSet(null, done)) {
      return drained.get();
    }
    LOG.info("node {} draining: {} workers finish their jobs (grace period {} s)",
        config.nodeId(), pool.total(), grace.toSeconds());
    pool.drain()
        .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(ignored -> {
          if (pool.total() > 0) {
            LOG.warn("node {}: the grace period of {} s is over; killing {} busy workers",
                config.nodeId(), grace.toSeconds(), pool.total());
            pool.killAll("the node drained and its grace period of " + grace.toSeconds()
                + " s ended");
          }
          return pool.drain();
        })
        .thenCompose(ignored -> CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new))
            .exceptionally(error -> null))
        .whenComplete((ignored, error) -> {
          new Thread(() -> {
            close();
            LOG.info("node {} drained and left", config.nodeId());
            done.complete(null);
          }, "node-drained").start();
        });
    return done;
  }

  /** The connection, when the node is connected and not closing. */
  private Optional<PeerConnection> connection() {
    ReconnectingConnection current = link;
    return closing || current == null ? Optional.empty() : current.current();
  }

  /** The queue refused the node on a new connection: it cannot go on. */
  private void gaveUp(PeerException reason) {
    LOG.error("node {}: {}", config.nodeId(), reason.getMessage());
    closed.completeExceptionally(reason);
  }

  /** The node's id. */
  public String id() {
    return config.nodeId();
  }

  /** How many workers are alive. */
  public int workers() {
    return pool.total();
  }

  /** The process ids of the warm workers that have warmed up and wait for a stream. */
  public List<Long> warmWorkers() {
    return pool.readyWarmPids();
  }

  /**
   * Waits until no worker serves a stream on this node (warm workers aside), at most
   * {@code timeout}; returns whether none is left.
   */
  public boolean awaitNoWorkers(Duration timeout) throws InterruptedException {
    return pool.awaitNoWorkers(timeout);
  }

  /**
   * Waits until a warm worker is ready for a stream, at most {@code timeout}; returns whether one
   * is.
   */
  public boolean awaitWarmWorker(Duration timeout) throws InterruptedException {
    return pool.awaitReadyWarmWorker(timeout);
  }

  /** How many workers a stream has on this node. */
  public int workers(String streamId) {
    return pool.workers(streamId);
  }

  /** Whether the node is draining. */
  public boolean draining() {
    return pool.draining();
  }

  /** Whether the node is connected to its queue right now. */
  public boolean connected() {
    return connection().isPresent();
  }

  /**
   * Completes when the node is closed, or fails when it cannot go on (the queue refused it on a
   * new connection); losing the queue is not the end of a node.
   */
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }

  /** Stops every worker, then disconnects. */
  @Override
  public void close() {
    closing = true;
    pool.close();
    ReconnectingConnection current = link;
    if (current != null) {
      current.close();
    }
    events.shutdown();
    try {
      events.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed.complete(null);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String version() {
    String version = NodeServer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
