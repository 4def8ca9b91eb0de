package io.impetus.client;

import io.impetus.client.tasklog.TaskRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Options of one fork: {@code Fork.callback("stage1").priority(5).delay(Duration.ofSeconds(1))
 * .maxAttempts(2).timeout(Duration.ofMinutes(2)).property("batch", "7")}. Each option checks its
 * value on the spot and throws {@link IllegalArgumentException} naming it. Immutable: each method
 * returns a new instance, so one instance may be shared by threads and forks.
 */
public final class Fork {

  /**
   * Keys a {@link #property} may not use: the fields of a job's record in the task logs, and the
   * keys Impetus reads from a job itself ({@code timelimit}, {@code maxattempts}).
   */

  private static final Fork DEFAULTS = new Fork(null, 0, Duration.ZERO, null, 0, Map.of());

  private final @Nullable String callback;
  private final int priority;
  private final Duration delay;
  private final @Nullable Duration timeout;
  private final int maxAttempts;
  private final Map<String, String> properties;

  private Fork(@Nullable String callback, int priority, Duration delay,
      @Nullable Duration timeout, int maxAttempts, Map<String, String> properties) {
    this.callback = callback;
    this.priority = priority;
    this.delay = delay;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.properties = Map.copyOf(properties);
  }

  /** No callback (the next stage), priority 0, no delay, the stream's limits, no properties. */
  public static Fork defaults() {
    return DEFAULTS;
  }

  /**
   * Options whose result goes to the stage named {@code stage}: any {@code @Process} stage (the
   * forking stage itself, for a loop, or any later one) or a {@code @Shutdown} method.
   */
  public static Fork callback(String stage) {
    if (stage.isBlank()) {
      throw new IllegalArgumentException("callback stage name must not be blank");
    }
    return new Fork(stage, DEFAULTS.priority, DEFAULTS.delay, null, 0, Map.of());
  }

  /** These options with a priority: lower values run first; equal ones in fork order. */
  public Fork priority(int value) {
    return new Fork(callback, value, delay, timeout, maxAttempts, properties);
  }

  /** These options with a delay: the job does not start before it passes. */
  public Fork delay(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, not " + value);
    }
    return new Fork(callback, priority, value, timeout, maxAttempts, properties);
  }

  /**
   * These options with a run-time limit, instead of the stream's {@code timelimit} property: a
   * job still running when it passes has its worker's thread dump taken and its worker killed,
   * and runs again or, after its last attempt, ends as an error holding the dump.
   */
  public Fork timeout(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + value);
    }
    return new Fork(callback, priority, delay, value, maxAttempts, properties);
  }

  /**
   * These options with an attempt limit, instead of the stream's {@code maxattempts} property:
   * how often the job is started before losing its worker makes it an error (a worker killed
   * past the timeout, crashed, exited, or gone without a word). A job that throws is an error at
   * once.
   */
  public Fork maxAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + value);
    }
    return new Fork(callback, priority, delay, timeout, value, properties);
  }

  /**
   * These options with a property of the user's recorded in the job: a field of its record in
   * the task logs, read back with {@link Job#get(String) job.get(key)}. Setting a key again
   * replaces its value.
   *
   * @throws IllegalArgumentException when the key is blank, or is a field of the job's record
   *     ({@code id}, {@code name}, {@code status}, ...) or a key Impetus reads ({@code
   *     timelimit}, {@code maxattempts}: use {@link #timeout} and {@link #maxAttempts})
   */
  public Fork property(String key, String value) {
    Objects.requireNonNull(value, "value");
    if (key.isBlank()) {
      throw new IllegalArgumentException("property key must not be blank");
    }
    if (TaskRecord.RESERVED.contains(key)) {
      throw new IllegalArgumentException("property key '" + key + "' is reserved: the job's"
          + " record has a field of that name or Impetus reads it (reserved: "
          + String.join(", ", TaskRecord.RESERVED.stream().sorted().toList()) + ")");
    }
    Map<String, String> more = new HashMap<>(properties);
    more.put(key, value);
    return new Fork(callback, priority, delay, timeout, maxAttempts, more);
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

  /** The job's own run-time limit, or null for the stream's. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /** The job's own attempt limit, or empty for the stream's. */
  public OptionalInt maxAttempts() {
    return maxAttempts == 0 ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
  }

  /** The user's properties recorded in the job (immutable). */
  public Map<String, String> properties() {
    return properties;
  }
}
