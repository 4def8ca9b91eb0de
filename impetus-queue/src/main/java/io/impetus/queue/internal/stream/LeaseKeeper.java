package io.impetus.queue.internal.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The workers the queue knows of, with their lease deadlines. A worker is known from its first
 * request until its connection closes and its end has been dealt with.
 *
 * <p>A connected worker's leases stay valid while it or its node shows signs of life: each
 * request from the worker, and each heartbeat from its node, pushes its deadline a lease timeout
 * into the future. A worker whose deadline passes has its leases taken back (see {@link
 * #expire()}); its next request makes it live again.
 *
 * <p>A worker whose connection closed while its node is registered is kept, as closed, until its
 * node reports how it ended ({@link #reportExit}), the node goes ({@link #closedOf}), or a lease
 * timeout passes ({@link #expireClosed()}); heartbeats no longer renew it. A worker reported
 * ended while still connected is kept, as exited, until its connection closes: it may no longer
 * lease or complete anything.
 *
 * <p>Thread-safe. The caller ({@link QueueState}) orders a worker's close against its node's
 * report.
 */
public final class LeaseKeeper {

  private final Clock clock;
  private final Duration timeout;
  private final Map<WorkerLink, Lease> workers = new ConcurrentHashMap<>();

  /** Deadlines {@code timeout} after the last sign of life, measured with {@code clock}. */
  public LeaseKeeper(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  /** The lease timeout. */
  public Duration timeout() {
    return timeout;
  }

  private long deadline() {
    return clock.millis() + timeout.toMillis();
  }

  /**
   * The worker is alive: its leases last another lease timeout. Changes nothing for a worker
   * that closed or was reported ended.
   */
  public void renew(WorkerLink worker) {
    workers.compute(worker, (w, lease) -> lease == null || lease.status() == Status.LIVE
        || lease.status() == Status.EXPIRED ? new Lease(Status.LIVE, deadline()) : lease);
  }

  /** The node is alive, and so are its connected workers whose leases have not expired. */
  public void renewNode(String nodeId) {
    long deadline = deadline();
    workers.replaceAll((worker, lease) -> lease.status() == Status.LIVE
        && nodeId.equals(worker.nodeId()) ? new Lease(Status.LIVE, deadline) : lease);
  }

  /** The worker is done with: the queue forgets it. */
  public void forget(WorkerLink worker) {
    workers.remove(worker);
  }

  /** Whether the worker's node reported it ended while it was still connected. */
  public boolean hasExited(WorkerLink worker) {
    Lease lease = workers.get(worker);
    return lease != null && lease.status() == Status.EXITED;
  }

  /**
   * The worker's connection closed; its end waits for its node's report, at most a lease timeout.
   * Its leases are no longer renewed.
   *
   * @return false when the queue does not know the worker (it never sent a request, so it holds
   *     nothing), or it was reported ended already: there is nothing to wait for
   */
  public boolean awaitReport(WorkerLink worker) {
    Lease now = workers.computeIfPresent(worker, (w, lease) -> lease.status() == Status.EXITED
        ? lease : new Lease(Status.CLOSED, deadline()));
    return now != null && now.status() == Status.CLOSED;
  }

  /**
   * The node reported that the worker with this peer id ended. Marks it exited if it is still
   * connected, forgets it if it had closed, and returns it so that its leases are released; a
   * worker already reported is not returned again.
   */
  public List<WorkerLink> reportExit(String workerId) {
    List<WorkerLink> ended = new ArrayList<>();
    workers.forEach((worker, lease) -> {
      if (!worker.name().equals(workerId) || lease.status() == Status.EXITED) {
        return;
      }
      boolean taken = lease.status() == Status.CLOSED ? workers.remove(worker, lease)
          : workers.replace(worker, lease, new Lease(Status.EXITED, lease.deadline()));
      if (taken) {
        ended.add(worker);
      }
    });
    return ended;
  }

  /**
   * Removes and returns the workers of the node that closed and still wait for its report: the
   * node has gone and will not send it.
   */
  public List<WorkerLink> closedOf(String nodeId) {
    return removeClosed(worker -> nodeId.equals(worker.nodeId()), Long.MAX_VALUE);
  }

  /** Removes and returns the closed workers whose node has not reported on them in time. */
  public List<WorkerLink> expireClosed() {
    return removeClosed(worker -> true, clock.millis());
  }

  private List<WorkerLink> removeClosed(Predicate<WorkerLink> which, long now) {
    List<WorkerLink> removed = new ArrayList<>();
    workers.forEach((worker, lease) -> {
      if (lease.status() == Status.CLOSED && lease.deadline() < now && which.test(worker)
          && workers.remove(worker, lease)) {
        removed.add(worker);
      }
    });
    return removed;
  }

  /**
   * Returns the connected workers whose deadline has passed, marking them expired. Their leases
   * must be taken back; a worker that is still alive gets a new deadline with its next request.
   */
  public List<WorkerLink> expire() {
    long now = clock.millis();
    List<WorkerLink> expired = new ArrayList<>();
    workers.forEach((worker, lease) -> {
      if (lease.status() == Status.LIVE && lease.deadline() < now
          && workers.replace(worker, lease, new Lease(Status.EXPIRED, lease.deadline()))) {
        expired.add(worker);
      }
    });
    return expired;
  }

  /** Where a known worker stands. */
  private enum Status {
    /** Connected, its leases valid until the deadline. */
    LIVE,
    /** Connected, its leases taken back because the deadline passed. */
    EXPIRED,
    /** Its connection closed; waiting until the deadline for its node's report. */
    CLOSED,
    /** Reported ended by its node while still connected. */
    EXITED
  }

  /**
   * A known worker's status and deadline.
   *
   * @param status where it stands
   * @param deadline when its leases, or the wait for its node's report, end
   */
  private record Lease(Status status, long deadline) {}
}
