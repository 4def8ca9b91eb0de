package io.impetus.queue.internal.stream;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A stream's jobs that wait for a worker: those due, served by priority (lower first) then in
 * fork order, and those delayed, by the time they become due. Not thread-safe: the stream's lock
 * guards it.
 */
final class WaitingJobs {

  private static final Comparator<JobEntry> BY_PRIORITY =
      Comparator.<JobEntry>comparingInt(e -> e.spec.priority()).thenComparingLong(e -> e.seq);
  private static final Comparator<JobEntry> BY_NOT_BEFORE =
      Comparator.<JobEntry>comparingLong(e -> e.notBeforeMillis).thenComparingLong(e -> e.seq);

  private final PriorityQueue<JobEntry> ready = new PriorityQueue<>(BY_PRIORITY);
  private final PriorityQueue<JobEntry> delayed = new PriorityQueue<>(BY_NOT_BEFORE);

  /** Adds a job: due at once, or delayed until its time when that is after {@code now}. */
  void add(JobEntry entry, long now) {
    if (entry.notBeforeMillis > now) {
      delayed.add(entry);
    } else {
      ready.add(entry);
    }
  }

  /** Makes the delayed jobs whose time has come at {@code now} due. */
  void promoteDue(long now) {
    while (!delayed.isEmpty() && delayed.peek().notBeforeMillis <= now) {
      ready.add(delayed.poll());
    }
  }

  /** Whether a job is due. */
  boolean anyReady() {
    return !ready.isEmpty();
  }

  /**
   * The next due job, taken out.
   *
   * @throws java.util.NoSuchElementException when none is due (see {@link #anyReady()})
   */
  JobEntry takeReady() {
    return ready.remove();
  }

  /** When the earliest delayed job becomes due, or {@link Long#MAX_VALUE} when none is delayed. */
  long nextDueMillis() {
    return delayed.isEmpty() ? Long.MAX_VALUE : delayed.peek().notBeforeMillis;
  }

  /** Takes a job out, whether due or delayed. */
  void remove(JobEntry entry) {
    if (!ready.remove(entry)) {
      delayed.remove(entry);
    }
  }

  /** How many jobs are due. */
  int readyCount() {
    return ready.size();
  }

  /** How many jobs are delayed. */
  int delayedCount() {
    return delayed.size();
  }

  /** How many jobs wait, due or delayed. */
  int size() {
    return ready.size() + delayed.size();
  }

  /** Forgets every waiting job. */
  void clear() {
    ready.clear();
    delayed.clear();
  }
}
