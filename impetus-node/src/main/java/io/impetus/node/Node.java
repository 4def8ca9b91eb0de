package io.impetus.node;

import io.impetus.core.net.ConnectionClosedException;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.net.ReconnectPolicy;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BacklogNotice;
import io.impetus.core.protocol.BacklogReply;
import io.impetus.core.protocol.Heartbeat;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.QueryBacklog;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.node.internal.spawn.WorkerLauncher;
import io.impetus.node.internal.spawn.WorkerPool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: registered with the queue, it starts workers for every stream that has waiting
 * jobs, as the queue announces them, and stops them all when closed. Embeddable (tests, the
 * local demo); the daemon wraps one.
 *
 * <p>A node outlives its queue. When the connection drops it keeps its workers managed (they exit
 * by themselves, having lost the queue too), reconnects with back-off for as long as it takes,
 * registers again (the queue then announces every stream with waiting jobs) and heartbeats at the
 * interval the queue gives. Heartbeats and worker reports that fall while it is disconnected are
 * skipped: the queue forgot the node's leases anyway.
 *
 * <p>Thread-safe.
 */
public final class Node implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final ScheduledExecutorService events;
  private final WorkerPool pool;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile @Nullable ReconnectingConnection link;
  private @Nullable ScheduledFuture<?> heartbeats;
  private volatile boolean closing;

  private Node(NodeConfig config) {
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
    this.pool = new WorkerPool(launcher, config.mpps(), config.capacity(), this::workerExited,
        events);
  }

  /**
   * Connects to the queue and registers.
   *
   * @throws PeerException when the queue is unreachable or refuses the key or the node
   */
  public static Node start(NodeConfig config) {
    Node node = new Node(config);
    try {
      node.link = ReconnectingConnection.open(node::connect, ReconnectPolicy.forever(),
          node::establish, node::gaveUp, "node");
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    LOG.info("node {} connected to queue {}; max processes per stream {}", config.nodeId(),
        config.queue(), config.mpps());
    return node;
  }

  private PeerConnection connect() {
    return PeerConnection.open(config.queue(), config.authkey(), PeerRole.NODE, config.nodeId(),
        push -> {
          if (push instanceof BacklogNotice notice) {
            events.execute(() -> staff(notice));
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
        .call(rid -> new Heartbeat(rid, config.nodeId(), NodeLoad.idle()), Ack.class)
        .exceptionallyCompose(error -> {
          if (closing || !connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
          }
          LOG.warn("heartbeat refused ({}); registering again", error.getMessage());
          return register(connection).thenApply(registered -> null);
        }));
  }

  private void workerExited(String streamId, long pid) {
    connection().ifPresent(connection -> connection
        .call(rid -> new WorkerExited(rid, config.nodeId() + "/" + pid, null, "exited", "", false), Ack.class)
        .whenComplete((ack, error) -> recheck(streamId)));
  }

  private void staff(BacklogNotice notice) {
    try {
      pool.staff(notice.backlog());
    } catch (RuntimeException e) {
      LOG.error("cannot start workers for stream {}: {}", notice.backlog().streamId(),
          e.getMessage());
    }
  }

  private void recheck(String streamId) {
    connection().ifPresent(connection -> connection
        .call(rid -> new QueryBacklog(rid, streamId), BacklogReply.class)
        .thenAccept(reply -> {
          if (reply.backlog() != null) {
            events.execute(() -> staff(new BacklogNotice(reply.backlog())));
          }
        }));
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
    String version = Node.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
