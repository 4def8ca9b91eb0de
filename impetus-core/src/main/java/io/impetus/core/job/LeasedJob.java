package io.impetus.core.job;

import java.util.Objects;

/**
 * A job handed to a worker under a lease. The worker must present {@code epoch} when it completes
 * the job; a completion with any other epoch is stale and the queue discards it.
 *
 * @param id the job id
 * @param epoch the lease's fencing token
 * @param attempt 1 for the first run, incremented each time a lease is lost
 * @param name the {@code @Node} method's name
 * @param className binary name of the declaring class inside the bundle
 * @param codeHash the bundle that holds the class
 * @param args the serialized argument
 * @param timeLimitMillis how long the job may run before the node's watchdog kills its worker,
 *     or 0 for no limit
 */
public record LeasedJob(
    String id, long epoch, int attempt, String name, String className, String codeHash,
    byte[] args, long timeLimitMillis) {

  /** Checks that no field is null. */
  public LeasedJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(args, "args");
    if (timeLimitMillis < 0) {
      throw new IllegalArgumentException("time limit must not be negative: " + timeLimitMillis);
    }
  }
}
