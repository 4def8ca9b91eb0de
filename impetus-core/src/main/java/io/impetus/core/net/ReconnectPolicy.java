package io.impetus.core.net;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ReconnectingConnection} tries to get its queue back: the first attempt after
 * {@code firstDelay}, each later one after twice the previous delay up to {@code maxDelay}; it
 * gives up when the queue has been gone for {@code window}, or never when there is no window.
 * Immutable.
 *
 * @param firstDelay the wait before the first attempt; positive
 * @param maxDelay the longest wait between attempts; at least {@code firstDelay}
 * @param window how long to try before giving up, or null to try forever
 */
public record ReconnectPolicy(Duration firstDelay, Duration maxDelay, @Nullable Duration window) {

  /** The first wait: 100 ms. */
  public static final Duration FIRST_DELAY = Duration.ofMillis(100);
  /** The longest wait: 2 s. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(2);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public ReconnectPolicy {
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      throw new IllegalArgumentException("the first reconnect delay must be positive, not "
          + firstDelay);
    }
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("the longest reconnect delay " + maxDelay
          + " is shorter than the first " + firstDelay);
    }
    if (window != null && (window.isNegative() || window.isZero())) {
      throw new IllegalArgumentException("the reconnect window must be positive, not " + window);
    }
  }

  /** Tries forever, 100 ms doubling to 2 s between attempts: a daemon's way. */
  public static ReconnectPolicy forever() {
    return new ReconnectPolicy(FIRST_DELAY, MAX_DELAY, null);
  }

  /** Tries for {@code window}, 100 ms doubling to 2 s between attempts. */
  public static ReconnectPolicy within(Duration window) {
    return new ReconnectPolicy(FIRST_DELAY, MAX_DELAY, window);
  }

  /** How long to wait before the next attempt, after {@code failedAttempts} failed ones. */
  public Duration delay(int failedAttempts) {
    Duration delay = firstDelay;
    for (int i = 0; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /**
   * How much longer to try, after the queue has been gone for {@code outage}: empty to try
   * forever, zero to give up.
   */
  public Optional<Duration> remaining(Duration outage) {
    if (window == null) {
      return Optional.empty();
    }
    Duration left = window.minus(outage);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
