package io.impetus.client.internal.stage;

import io.impetus.client.ImpetusException;
import org.jspecify.annotations.Nullable;

/**
 * The termination rule of {@code run()}: counts units of unfinished work (a running startup
 * stage, a forked job not yet processed by its stage) and wakes {@link #awaitIdle} when the count
 * reaches zero. A stage that forks adds the new jobs before its own batch is counted done, so the
 * count cannot touch zero while work remains. Once idle, the tracker is finished: adding more
 * work is an error rather than a job that nobody would wait for.
 *
 * <p>Thread-safe.
 */
final class WorkTracker {

  private long pending;
  private boolean finished;
  private @Nullable RuntimeException failure;

  /**
   * Adds units of work.
   *
   * @throws IllegalStateException when run() has already ended
   */
  synchronized void add(long units) {
    if (finished) {
      throw new IllegalStateException("run() has ended: no more jobs can be forked");
    }
    pending += units;
  }

  /** Marks units of work done. */
  synchronized void done(long units) {
    pending -= units;
    if (pending < 0) {
      throw new IllegalStateException("more work done than added: " + pending);
    }
    if (pending == 0) {
      notifyAll();
    }
  }

  /** Ends the wait with an error: the work cannot complete. The first failure wins. */
  synchronized void fail(RuntimeException cause) {
    if (failure == null) {
      failure = cause;
    }
    notifyAll();
  }

  /**
   * Waits until no work is pending, then finishes the tracker.
   *
   * @throws ImpetusException when the work failed or the wait was interrupted
   */
  synchronized void awaitIdle() {
    while (pending > 0 && failure == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImpetusException("interrupted while waiting for the jobs to finish", e);
      }
    }
    finished = true;
    if (failure != null) {
      throw failure;
    }
  }

  /** Units of work not yet done. */
  synchronized long pending() {
    return pending;
  }
}
