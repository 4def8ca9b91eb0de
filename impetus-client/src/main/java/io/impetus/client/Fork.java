package io.impetus.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Options of one fork: {@code Fork.callback("stage1").priority(5).delay(Duration.ofSeconds(1))
 * .timeLimit(Duration.ofMinutes(2))}. Immutable: each method returns a new instance.
 */
public final class Fork {

  private static final Fork DEFAULTS = new Fork(null, 0, Duration.ZERO, null);

  private final @Nullable String callback;
  private final int priority;
  private final Duration delay;
  private final @Nullable Duration timeLimit;

  private Fork(@Nullable String callback, int priority, Duration delay,
      @Nullable Duration timeLimit) {
    this.callback = callback;
    this.priority = priority;
    this.delay = delay;
    this.timeLimit = timeLimit;
  }

  /** No callback (the next stage), priority 0, no delay. */
  public static Fork defaults() {
    return DEFAULTS;
  }

  /** Options whose result goes to the stage named {@code stage}. */
  public static Fork callback(String stage) {
    if (stage.isBlank()) {
      throw new IllegalArgumentException("callback stage name must not be blank");
    }
    return new Fork(stage, DEFAULTS.priority, DEFAULTS.delay, null);
  }

  /** These options with a priority: lower values run first; equal ones in fork order. */
  public Fork priority(int value) {
    return new Fork(callback, value, delay, timeLimit);
  }

  /** These options with a delay: the job does not start before it passes. */
  public Fork delay(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, not " + value);
    }
    return new Fork(callback, priority, value, timeLimit);
  }

  /**
   * These options with a time limit, instead of the stream's {@code timelimit} property: a job
   * still running when it passes has its worker's thread dump taken and its worker killed, and
   * runs again or, after {@code maxattempts}, ends as an error holding the dump.
   */
  public Fork timeLimit(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("time limit must be positive, not " + value);
    }
    return new Fork(callback, priority, delay, value);
  }

  /** The callback stage, or null for the default (the next stage). */
  public @Nullable String callback() {
    return callback;
  }

  /** The priority. */
  public int priority() {
    return priority;
  }

  /** The delay. */
  public Duration delay() {
    return delay;
  }

  /** The job's own time limit, or null for the stream's. */
  public @Nullable Duration timeLimit() {
    return timeLimit;
  }
}
