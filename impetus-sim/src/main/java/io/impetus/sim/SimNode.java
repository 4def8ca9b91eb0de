package io.impetus.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated node: its phase, the jobs its workers run and its idle (parked) workers, and the
 * times the cost is computed from. Mutable; owned by one {@link SimulationRun}.
 */
final class SimNode {

  /** A node's phase; {@link #GONE} once it has left (drained or cancelled). */
  enum Phase {
    /** Launched, not taking jobs yet. */
    BOOTING,
    /** Taking jobs. */
    READY,
    /** Finishing its jobs, taking none. */
    DRAINING,
    /** Left. */
    GONE
  }

  final String id;
  final int order;
  final int capacity;
  final long launchedMillis;
  Phase phase = Phase.BOOTING;
  long readyMillis = -1;
  long goneMillis = -1;
  /** Running jobs: job index to run token, in start order. */
  final Map<Integer, Long> running = new LinkedHashMap<>();
  /** Start time of each running job, by job index. */
  final Map<Integer, Long> started = new LinkedHashMap<>();
  /** When each idle worker became idle, oldest first. */
  final Deque<Long> parked = new ArrayDeque<>();
  /** Slot-milliseconds spent running jobs, interrupted runs included. */
  long busySlotMillis;
  /** The running jobs and live workers of the node's last report to the registry. */
  int reportedRunning;
  int reportedWorkers;
  long reportedMillis;

  SimNode(String id, int order, int capacity, long launchedMillis) {
    this.id = id;
    this.order = order;
    this.capacity = capacity;
    this.launchedMillis = launchedMillis;
  }

  /** Idle workers still alive at {@code now}; those past the timeout leave first. */
  int liveParked(long now, long workerTimeoutMillis) {
    while (!parked.isEmpty() && parked.peekFirst() + workerTimeoutMillis <= now) {
      parked.removeFirst();
    }
    return parked.size();
  }

  /** Reports the node's load, as its heartbeat does. */
  void report(long now, long workerTimeoutMillis) {
    reportedRunning = running.size();
    reportedWorkers = running.size() + liveParked(now, workerTimeoutMillis);
    reportedMillis = now;
  }

  /** The jobs running now: what the queue's live lease count says of the node. */
  int runningNow() {
    return running.size();
  }

  boolean isLive() {
    return phase != Phase.GONE;
  }
}
