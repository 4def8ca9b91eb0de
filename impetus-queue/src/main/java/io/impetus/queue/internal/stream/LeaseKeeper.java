package io.impetus.queue.internal.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lease deadlines of connected workers. A worker's leases stay valid while it or its node
 * shows signs of life: each request from the worker, and each heartbeat from its node, pushes its
 * deadline a lease timeout into the future. A worker whose deadline passes has its leases taken
 * back (see {@link #expire()}); what it completes afterwards carries a stale epoch and is
 * discarded.
 *
 * <p>Thread-safe.
 */
public final class LeaseKeeper {

  private final Clock clock;
  private final Duration timeout;
  private final Map<WorkerLink, Long> deadlines = new ConcurrentHashMap<>();

  /** Deadlines {@code timeout} after the last sign of life, measured with {@code clock}. */
  public LeaseKeeper(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  /** The lease timeout. */
  public Duration timeout() {
    return timeout;
  }

  /** The worker is alive: its leases last another lease timeout. */
  public void renew(WorkerLink worker) {
    deadlines.put(worker, clock.millis() + timeout.toMillis());
  }

  /** The node is alive, and so are its workers. */
  public void renewNode(String nodeId) {
    long deadline = clock.millis() + timeout.toMillis();
    deadlines.replaceAll((worker, old) -> nodeId.equals(worker.nodeId()) ? deadline : old);
  }

  /** The worker's connection is gone; its leases are released by the streams themselves. */
  public void forget(WorkerLink worker) {
    deadlines.remove(worker);
  }

  /** The connected worker with this peer id, if any. */
  public Optional<WorkerLink> find(String workerId) {
    return deadlines.keySet().stream().filter(w -> w.name().equals(workerId)).findFirst();
  }

  /**
   * Removes and returns the workers whose deadline has passed. Their leases must be released; a
   * worker that is still connected gets a new deadline with its next request.
   */
  public List<WorkerLink> expire() {
    long now = clock.millis();
    List<WorkerLink> expired = new ArrayList<>();
    deadlines.forEach((worker, deadline) -> {
      if (deadline < now && deadlines.remove(worker, deadline)) {
        expired.add(worker);
      }
    });
    return expired;
  }
}
