package io.impetus.queue.internal.stream;

/**
 * Runs a task after a delay: lease long-poll timeouts and wake-ups for delayed jobs. Injected so
 * that tests control time.
 */
public interface Scheduler {

  /** Runs {@code task} once, {@code delayMillis} from now; the returned handle cancels it. */
  Cancellable schedule(Runnable task, long delayMillis);

  /** A scheduled task that has not run yet can be cancelled. */
  interface Cancellable {
    /** Prevents the task from running if it has not started. */
    void cancel();
  }
}
