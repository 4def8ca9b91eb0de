package io.impetus.bench;

import com.hazelcast.core.HazelcastInstance;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.local.LocalCluster;
import io.impetus.node.NodeServer;
import io.impetus.node.NodeConfig;
import io.impetus.queue.FsyncMode;
import io.impetus.queue.JournalSettings;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the benchmark sends its jobs: a queue (with a journal on disk) and a node started in this
 * JVM, whose workers are separate JVMs without the benchmark's classes (nor Hazelcast, the other
 * peer's library) on their classpath; or a queue that is already running, served by nodes that
 * are too. Close it to stop what it started.
 */
final class BenchTarget implements AutoCloseable {


  private final String address;
  private final String authkey;
  private final @Nullable QueueServer queue;
  private final @Nullable NodeServer node;
  private boolean closed;

  private BenchTarget(String address, String authkey, @Nullable QueueServer queue,
      @Nullable NodeServer node) {
    this.address = address;
    this.authkey = authkey;
    this.queue = queue;
    this.node = node;
  }

  /**
   * Starts a queue journaling into {@code data} with {@code fsync}, and a node that runs up to
   * {@code workers} workers per stream and {@code capacity} in all, writing their output to
   * {@code workerLog}.
   */
  static BenchTarget embedded(Path data, FsyncMode fsync, int workers, int capacity,
      Path workerLog) {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    Authkey key = Authkey.of(HexFormat.of().formatHex(secret));
    QueueServer queue = QueueServer.start(QueueConfig.builder()
        .bind(new HostAndPort("127.0.0.1", 0)).authkey(key).data(data)
        .journal(JournalSettings.defaults().withFsync(fsync)).build());
    try {
      NodeServer node = NodeServer.start(NodeConfig.builder(queue.address()).authkey(key)
          .nodeId("bench").mpps(workers).capacity(capacity)
          .workerClasspath(LocalCluster.workerClasspath(BenchTarget.class,
              HazelcastInstance.class))
          .workerLog(workerLog).build());
      return new BenchTarget(queue.address().toString(), key.reveal(), queue, node);
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /** A queue that runs elsewhere, with nodes of its own. */
  static BenchTarget remote(HostAndPort address, Authkey authkey) {
    return new BenchTarget(address.toString(), authkey.reveal(), null, null);
  }

  /** The queue's address, {@code host:port}. */
  String address() {
    return address;
  }

  /** The queue's authkey. */
  String authkey() {
    return authkey;
  }

  /** The queue when this JVM runs it, else empty. */
  Optional<QueueServer> queue() {
    return Optional.ofNullable(queue);
  }

  /**
   * Waits until the node this JVM started has no worker left: the workers of streams that ended
   * leave at once, and a node whose capacity they fill does not staff a new stream. Returns at
   * once with a running queue.
   *
   * @throws IllegalStateException when workers are still there after {@code patience}
   */
  void awaitNoWorkers(Duration patience) throws InterruptedException {
    if (node == null) {
      return;
    }
    if (!node.awaitNoWorkers(patience)) {
      throw new IllegalStateException(node.workers() + " workers of ended streams were still"
          + " running after " + patience.toSeconds() + " s; the workers' log (workers.log in"
          + " --dir) may tell why");
    }
  }

  /**
   * Waits until the node this JVM started has a warm worker ready for a new stream; returns at
   * once with a running queue, whose nodes do as they do.
   *
   * @throws IllegalStateException when none is ready after {@code patience}
   */
  void awaitWarmWorker(Duration patience) throws InterruptedException {
    if (node == null) {
      return;
    }
    if (!node.awaitWarmWorker(patience)) {
      throw new IllegalStateException("the node had no warm worker ready after "
          + patience.toSeconds() + " s; the workers' log (workers.log in --dir) may tell why");
    }
  }

  /**
   * Stops what this JVM started (idempotent), so that a client waiting for results that cannot
   * come loses its queue and gives up; a running queue's own nodes are left alone.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (node != null) {
      node.close();
    }
    if (queue != null) {
      queue.close();
    }
  }
}
