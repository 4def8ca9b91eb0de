package io.impetus.core.job;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The stream properties that Impetus itself reads, parsed and checked, with their defaults. Any
 * other key is the user's and passes through untouched. Immutable.
 *
 * <ul>
 *   <li>{@code mpps}: the most workers a node runs for this stream (capped by the node's own
 *       {@code -m/--mpps}).
 *   <li>{@code timeout}: seconds a worker waits for a job before it exits (default 15).
 *   <li>{@code maxattempts}: how often a job is started before a lost worker makes it an error
 *       (default 3).
 *   <li>{@code mss}: the most unfinished jobs (waiting or processing) the stream may hold; the
 *       client's {@code fork} waits while it has that many jobs out without a result (default:
 *       no limit).
 * </ul>
 */
public final class StreamProperties {

  /** Key of the per-stream worker limit. */
  public static final String MPPS = "mpps";
  /** Key of the idle timeout in seconds. */
  public static final String TIMEOUT = "timeout";
  /** Key of the attempt limit. */
  public static final String MAX_ATTEMPTS = "maxattempts";
  /** Key of the limit on unfinished jobs. */
  public static final String MSS = "mss";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final int DEFAULT_MAX_ATTEMPTS = 3;

  private final Map<String, String> values;
  private final OptionalInt mpps;
  private final Duration timeout;
  private final int maxAttempts;
  private final OptionalInt mss;

  private StreamProperties(Map<String, String> values) {
    this.values = Map.copyOf(values);
    this.mpps = values.containsKey(MPPS)
        ? OptionalInt.of(positiveInt(MPPS, values.get(MPPS)))
        : OptionalInt.empty();
    this.timeout = values.containsKey(TIMEOUT)
        ? seconds(TIMEOUT, values.get(TIMEOUT))
        : DEFAULT_TIMEOUT;
    this.maxAttempts = values.containsKey(MAX_ATTEMPTS)
        ? positiveInt(MAX_ATTEMPTS, values.get(MAX_ATTEMPTS))
        : DEFAULT_MAX_ATTEMPTS;
    this.mss = values.containsKey(MSS)
        ? OptionalInt.of(positiveInt(MSS, values.get(MSS)))
        : OptionalInt.empty();
  }

  /**
   * Parses the properties.
   *
   * @throws IllegalArgumentException naming the key and the value when a known key is invalid
   */
  public static StreamProperties parse(Map<String, String> values) {
    return new StreamProperties(values);
  }

  private static int positiveInt(String key, String value) {
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "stream property " + key + " must be a positive integer, not '" + value + "'");
  }

  private static Duration seconds(String key, String value) {
    try {
      double parsed = Double.parseDouble(value.strip());
      if (parsed > 0 && parsed < Long.MAX_VALUE / 1000.0) {
        return Duration.ofMillis(Math.round(parsed * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "stream property " + key + " must be a positive number of seconds, not '" + value + "'");
  }

  /** All properties, the user's included. */
  public Map<String, String> values() {
    return values;
  }

  /** The stream's own worker limit, if it sets one. */
  public OptionalInt mpps() {
    return mpps;
  }

  /** How long a worker waits idle before it exits. */
  public Duration timeout() {
    return timeout;
  }

  /** How often a job may be started before a lost worker makes it an error. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The most unfinished jobs the stream may hold, if it sets a limit. */
  public OptionalInt mss() {
    return mss;
  }
}
