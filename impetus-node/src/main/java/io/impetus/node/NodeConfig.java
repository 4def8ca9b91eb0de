package io.impetus.node;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.node.internal.spawn.TransparentHugePages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a node reaches the queue and starts its workers. Immutable; built with {@link #builder},
 * whose methods reject bad values on the spot.
 *
 * @param queue the queue's address
 * @param authkey the queue's key
 * @param nodeId this node's unique id
 * @param mpps the most workers per stream
 * @param capacity the most workers in all
 * @param warm how many warm workers (started ahead of need, handed to the first stream that needs
 *     one) the node keeps besides
 * @param workerClasspath the workers' classpath: Impetus and its libraries, never client code
 * @param workerJvmOptions extra JVM options for workers
 * @param cache where code bundles are cached
 * @param workerLog the file workers append their output to, or null to share the node's own
 *     standard output and error
 * @param queueWait how long the queue may be unreachable, at start or later, before the node
 *     gives up on it; null to wait for as long as it takes
 */
public record NodeConfig(
    HostAndPort queue,
    Authkey authkey,
    String nodeId,
    int mpps,
    int capacity,
    int warm,
    String workerClasspath,
    List<String> workerJvmOptions,
    Path cache,
    @Nullable Path workerLog,
    @Nullable Duration queueWait) {

  /** The default number of workers per stream, as the original's. */
  public static final int DEFAULT_MPPS = 5;

  /**
   * The default number of warm workers: one per two processors, at least one and at most four,
   * so that a small machine spends little on JVMs that wait and a large one serves several new
   * streams at once without a JVM start.
   */
  public static int defaultWarm() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
  }

  /** Takes an immutable copy of the options. */
  public NodeConfig {
    workerJvmOptions = List.copyOf(workerJvmOptions);
  }

  /** A builder for a node of the queue at {@code queue}. */
  public static Builder builder(HostAndPort queue) {
    return new Builder(queue);
  }

  /**
   * The workers' JVM options unless told otherwise: the serial collector (one worker, one job at
   * a time, small heaps), class sharing, and transparent huge pages where the kernel lends them.
   */
  public static List<String> defaultWorkerJvmOptions() {
    List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
    options.addAll(TransparentHugePages.jvmOptions());
    return List.copyOf(options);
  }

  /** Builds a {@link NodeConfig}. Not thread-safe. */
  public static final class Builder {
    private final HostAndPort queue;
    private Authkey authkey = Authkey.of(Authkey.DEFAULT);
    private String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private int mpps = DEFAULT_MPPS;
    private int capacity = 0;
    private int warm = -1;
    private String workerClasspath = System.getProperty("java.class.path");
    private List<String> workerJvmOptions = defaultWorkerJvmOptions();
    private Path cache = Path.of(System.getProperty("java.io.tmpdir"), "impetus-bundles");
    private @Nullable Path workerLog;
    private @Nullable Duration queueWait;

    private Builder(HostAndPort queue) {
      this.queue = queue;
    }

    /** The queue's key. */
    public Builder authkey(Authkey value) {
      this.authkey = value;
      return this;
    }

    /** This node's id; not blank. */
    public Builder nodeId(String value) {
      if (value.isBlank()) {
        throw new IllegalArgumentException("node id must not be blank");
      }
      this.nodeId = value;
      return this;
    }

    /** The most workers per stream; positive. */
    public Builder mpps(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("mpps must be positive, not " + value);
      }
      this.mpps = value;
      return this;
    }

    /** The most workers in all; positive (default: 4 × mpps). */
    public Builder capacity(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("capacity must be positive, not " + value);
      }
      this.capacity = value;
      return this;
    }

    /** How many warm workers to keep; 0 for none (default: {@link #defaultWarm()}). */
    public Builder warm(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("warm workers must not be negative, not " + value);
      }
      this.warm = value;
      return this;
    }

    /** The workers' classpath; it must not hold any client's classes. */
    public Builder workerClasspath(String value) {
      if (value.isBlank()) {
        throw new IllegalArgumentException("worker classpath must not be blank");
      }
      this.workerClasspath = value;
      return this;
    }

    /** Extra JVM options for workers. */
    public Builder workerJvmOptions(List<String> value) {
      this.workerJvmOptions = value;
      return this;
    }

    /** Where to cache code bundles. */
    public Builder cache(Path value) {
      this.cache = value;
      return this;
    }

    /** A file for the workers' output instead of the node's own standard output and error. */
    public Builder workerLog(Path value) {
      this.workerLog = value;
      return this;
    }

    /**
     * How long the queue may be unreachable, at start or later, before the node gives up
     * (default: for as long as it takes).
     */
    public Builder queueWait(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the wait for the queue must be positive, not "
            + value);
      }
      this.queueWait = value;
      return this;
    }

    /** The configuration. */
    public NodeConfig build() {
      int total = capacity == 0 ? 4 * mpps : capacity;
      return new NodeConfig(queue, authkey, nodeId, mpps, total,
          warm < 0 ? defaultWarm() : warm, workerClasspath,
          workerJvmOptions, cache, workerLog, queueWait);
    }
  }
}
