package io.impetus.dfs.internal.policy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Measures how long nodes take from launch to registration: the mean of the last {@value
 * #SAMPLES} start-ups measured, or the assumed start-up time until one has been. Not
 * thread-safe; owned by the DFS loop's thread.
 */
public final class StartupTracker {

  /** How many recent start-ups the estimate averages. */
  static final int SAMPLES = 10;

  private final Duration assumed;
  private final Deque<Long> samples = new ArrayDeque<>();

  /** A tracker that assumes this start-up time until it has measured one. */
  public StartupTracker(Duration assumed) {
    if (assumed.isNegative()) {
      throw new IllegalArgumentException("negative start-up time " + assumed);
    }
    this.assumed = assumed;
  }

  /** A node launched at {@code launchedMillis} registered at {@code registeredMillis}. */
  public void registered(long launchedMillis, long registeredMillis) {
    samples.addLast(Math.max(0, registeredMillis - launchedMillis));
    if (samples.size() > SAMPLES) {
      samples.removeFirst();
    }
  }

  /** The start-up time to expect. */
  public Duration estimate() {
    if (samples.isEmpty()) {
      return assumed;
    }
    long sum = 0;
    for (long sample : samples) {
      sum += sample;
    }
    return Duration.ofMillis(sum / samples.size());
  }
}
