package io.impetus.local;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.node.NodeServer;
import io.impetus.node.NodeConfig;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A queue and a node in this JVM, on loopback, with a fresh random authkey. The node still runs
 * every job in a separate worker JVM, whose classpath is this JVM's classpath without the code
 * sources of the given client classes: client code reaches workers only as shipped bundles.
 * Workers write their output to {@link #workerLog()} rather than to this program's terminal.
 *
 * <p>Thread-safe. Close it to stop the node, its workers and the queue.
 */
public final class LocalCluster implements AutoCloseable {

  private final QueueServer queue;
  private final Authkey authkey;
  private final NodeConfig nodeConfig;
  private volatile @Nullable NodeServer node;

  private LocalCluster(QueueServer queue, Authkey authkey, NodeConfig nodeConfig) {
    this.queue = queue;
    this.authkey = authkey;
    this.nodeConfig = nodeConfig;
  }

  /**
   * Starts a queue on a free loopback port and a node with {@code mpps} workers per stream.
   *
   * @param clientClasses classes whose code sources must stay off the workers' classpath
   */
  public static LocalCluster start(int mpps, Class<?>... clientClasses) {
    LocalCluster cluster = startQueueOnly(mpps, clientClasses);
    cluster.startNode();
    return cluster;
  }

  /** Starts only the queue; {@link #startNode()} adds the node later. */
  public static LocalCluster startQueueOnly(int mpps, Class<?>... clientClasses) {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    Authkey authkey = Authkey.of(HexFormat.of().formatHex(secret));
    QueueServer queue = QueueServer.start(QueueConfig.builder()
        .bind(new HostAndPort("127.0.0.1", 0)).authkey(authkey).build());
    Path workerLog = Path.of(System.getProperty("java.io.tmpdir"),
        "impetus-local-" + queue.address().port() + "-workers.log");
    NodeConfig nodeConfig = NodeConfig.builder(queue.address())
        .authkey(authkey)
        .nodeId("local")
        .mpps(mpps)
        .workerClasspath(workerClasspath(clientClasses))
        .workerLog(workerLog)
        .build();
    return new LocalCluster(queue, authkey, nodeConfig);
  }

  /** Starts the node, if it is not running. */
  public synchronized NodeServer startNode() {
    NodeServer running = node;
    if (running == null) {
      running = NodeServer.start(nodeConfig);
      node = running;
    }
    return running;
  }

  /**
   * This JVM's classpath without the code sources of {@code excluded}.
   *
   * @throws IllegalArgumentException when nothing would be left
   */
  public static String workerClasspath(Class<?>... excluded) {
    Set<Path> sources = Arrays.stream(excluded).map(LocalCluster::codeSource)
        .collect(Collectors.toSet());
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && !sources.contains(Path.of(entry).toAbsolutePath().normalize())) {
        kept.add(entry);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("the classpath holds nothing but client code; start"
          + " the program with Impetus's jars on the classpath, not inside one fat jar");
    }
    return String.join(File.pathSeparator, kept);
  }

  private static Path codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalArgumentException(type.getName() + " has no code source");
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("odd code source of " + type.getName(), e);
    }
  }

  /** The queue's address, {@code host:port}. */
  public String address() {
    return queue.address().toString();
  }

  /** The queue's authkey, as text. */
  public String authkey() {
    return authkey.reveal();
  }

  /** The file the workers write their output to. */
  public Path workerLog() {
    return nodeConfig.workerLog();
  }

  /**
   * A builder for another node of this cluster's queue, set up as this cluster's own (key,
   * worker classpath without the client classes, worker log), for callers that want to change
   * its other options (its slots, its warm workers) before they start it.
   */
  public NodeConfig.Builder nodeBuilder() {
    return NodeConfig.builder(nodeConfig.queue()).authkey(authkey)
        .workerClasspath(nodeConfig.workerClasspath()).workerLog(nodeConfig.workerLog());
  }

  /** The queue. */
  public QueueServer queue() {
    return queue;
  }

  /** The node, or null before {@link #startNode()}. */
  public @Nullable NodeServer node() {
    return node;
  }

  /** Stops the node (and its workers), then the queue. */
  @Override
  public void close() {
    NodeServer running = node;
    if (running != null) {
      running.close();
    }
    queue.close();
  }
}
