package io.impetus.daemon;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waiting for a condition that no event announces (another process writing a pid file or
 * exiting): checks it every {@link #INTERVAL} until it holds or the time is up. Stateless;
 * blocks the calling thread.
 */
final class Poll {

  static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  /**
   * Waits until {@code condition} holds, at most {@code timeout}.
   *
   * @return whether it held; false on timeout or interruption (the interrupt flag is kept)
   */
  static boolean until(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
