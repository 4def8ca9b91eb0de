package io.impetus.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Counts the results that arrive for a lane and lets its thread wait for them, giving up when
 * none arrives for the patience while some are due. Results are counted on any thread; one thread
 * waits. Thread-safe.
 */
final class Arrivals {

  private final Semaphore arrived = new Semaphore(0);
  private final String stallHint;
  private volatile long lastArrivalNanos;
  private volatile Duration patience = Duration.ofMinutes(1);

  /** Counts arrivals; {@code stallHint} follows the message when none arrive for too long. */
  Arrivals(String stallHint) {
    this.stallHint = stallHint;
  }

  /** Gives up waiting when no result arrives for {@code patience} while some are due. */
  void patience(Duration patience) {
    this.patience = patience;
  }

  /** Counts {@code count} results that arrived now. */
  void arrived(int count) {
    lastArrivalNanos = System.nanoTime();
    arrived.release(count);
  }

  /**
   * Waits until {@code count} more results have arrived.
   *
   * @return when the last of them arrived, in {@link System#nanoTime()} terms
   * @throws IllegalStateException when none arrives for the patience
   */
  long await(int count) throws InterruptedException {
    long waitStart = System.nanoTime();
    while (true) {
      long quietSince = Math.max(waitStart, lastArrivalNanos);
      long left = patience.toNanos() - (System.nanoTime() - quietSince);
      if (left <= 0) {
        throw new IllegalStateException("no result arrived for " + patience.toSeconds()
            + " s (" + arrived.availablePermits() + " of " + count + " are in)" + stallHint);
      }
      if (arrived.tryAcquire(count, left, TimeUnit.NANOSECONDS)) {
        return lastArrivalNanos;
      }
    }
  }
}
