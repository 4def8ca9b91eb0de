package io.impetus.dfs;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the DFS runs its control loop.
 *
 * @param queue the queue whose backlog it follows
 * @param authkey the queue's key
 * @param tick how often it reads the queue and decides (default 1 s)
 * @param bootTimeout a machine whose node has not registered this long after its launch is
 *     terminated and reported
 * @param drainGrace how long a drained node's running jobs may take before its workers are
 *     killed (jobs return to the queue); long by default, so that scale-in interrupts nothing
 * @param nodeCapacity the workers one new node runs for one stream (its {@code mpps}), for the
 *     nodes that have not registered yet
 * @param queueWait how long the queue may be unreachable, at start or later, before the DFS gives
 *     up on it; null to wait for as long as it takes
 */
public record DfsConfig(HostAndPort queue, Authkey authkey, Duration tick, Duration bootTimeout,
    Duration drainGrace, int nodeCapacity, @Nullable Duration queueWait) {

  /** The default tick. */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  /** Checks the values. */
  public DfsConfig {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(authkey, "authkey");
    positive("tick", tick);
    positive("boot timeout", bootTimeout);
    if (drainGrace.isNegative()) {
      throw new IllegalArgumentException("the drain grace must not be negative, not "
          + drainGrace);
    }
    if (queueWait != null) {
      positive("wait for the queue", queueWait);
    }
    if (nodeCapacity <= 0) {
      throw new IllegalArgumentException("the node capacity must be positive, not "
          + nodeCapacity);
    }
  }

  private static void positive(String what, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive, not " + value);
    }
  }
}
