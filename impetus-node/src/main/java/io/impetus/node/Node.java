package io.impetus.node;

import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BacklogNotice;
import io.impetus.core.protocol.BacklogReply;
import io.impetus.core.protocol.Heartbeat;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: registered with the queue, it starts workers for every stream that has waiting
 * jobs, as the queue announces them, and stops them all when closed. Embeddable (tests, the
 * local demo); the daemon wraps one.
 *
 * <p>Thread-safe.
 */
public final class Node implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final ScheduledExecutorService events;
  private final WorkerPool pool;
  private final PeerConnection connection;
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
    try {
      this.connection = PeerConnection.open(config.queue(), config.authkey(), PeerRole.NODE,
          config.nodeId(), push -> {
            if (push instanceof BacklogNotice notice) {
              events.execute(() -> staff(notice));
            }
          });
    } catch (RuntimeException e) {
      events.shutdownNow();
      throw e;
    }
  }

  /**
   * Connects to the queue and registers.
   *
   * @throws PeerException when the queue is unreachable or refuses the key
   */
  public static Node start(NodeConfig config) {
    Node node = new Node(config);
    NodeRegistered registered;
    try {
      registered = node.register().join();
    } catch (RuntimeException e) {
      node.close();
      throw new PeerException("the queue refused to register node " + config.nodeId() + ": "
          + e.getMessage(), e);
    }
    long interval = registered.heartbeatMillis();
    node.events.scheduleAtFixedRate(node::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    LOG.info("node {} connected to queue {}; max processes per stream {}", config.nodeId(),
        config.queue(), config.mpps());
    return node;
  }

  private CompletableFuture<NodeRegistered> register() {
    return connection.call(rid -> new RegisterNode(rid, config.nodeId(), hostName(),
        config.capacity(), version()), NodeRegistered.class);
  }

  /** Tells the queue the node and its workers are alive; registers again if it forgot us. */
  private void heartbeat() {
    if (closing || !connection.isOpen()) {
      return;
    }
    connection.call(rid -> new Heartbeat(rid, config.nodeId()), Ack.class)
        .exceptionallyCompose(error -> {
          if (closing || !connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
          }
          LOG.warn("heartbeat refused ({}); registering again", error.getMessage());
          return register().thenApply(registered -> null);
        });
  }

  private void workerExited(String streamId, long pid) {
    if (closing || !connection.isOpen()) {
      return;
    }
    connection.call(rid -> new WorkerExited(rid, config.nodeId() + "/" + pid), Ack.class)
        .whenComplete((ack, error) -> recheck(streamId));
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
    if (closing || !connection.isOpen()) {
      return;
    }
    connection.call(rid -> new QueryBacklog(rid, streamId), BacklogReply.class)
        .thenAccept(reply -> {
          if (reply.backlog() != null) {
            events.execute(() -> staff(new BacklogNotice(reply.backlog())));
          }
        });
  }

  /** The node's id. */
  public String id() {
    return config.nodeId();
  }

  /** How many workers are alive. */
  public int workers() {
    return pool.total();
  }

  /** Completes when the connection to the queue is lost or the node is closed. */
  public CompletableFuture<Void> closeFuture() {
    return connection.closeFuture();
  }

  /** Stops every worker, then disconnects. */
  @Override
  public void close() {
    closing = true;
    pool.close();
    connection.close();
    events.shutdown();
    try {
      events.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
