package io.impetus.core.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *   <li>{@code timelimit}: seconds a job may run before the node kills its worker, takes a thread
 *       dump and counts the attempt as failed (default: no limit; a fork may set its own).
 *   <li>{@code frequency}: the least seconds between two worker starts for this stream on one
 *       node (default 0: as fast as the backlog calls for).
 *   <li>{@code maxjobs}: a worker leaves after this many jobs, to be replaced by a fresh one when
 *       work remains (default: no limit).
 *   <li>{@code maxage}: seconds after which a worker leaves once its current jobs are done
 *       (default: no limit).
 *   <li>{@code heap}: the workers' maximum heap, as for {@code -Xmx} ({@code 512m}, {@code 2g}).
 *   <li>{@code jvmoptions}: further options for the workers' JVMs, separated by spaces, each
 *       starting with {@code -}.
 *   <li>{@code weight}: the stream's share of a node's worker slots when more streams have work
 *       than the node has slots, relative to the other streams' weights (default 1; a stream of
 *       weight 2 gets twice the slot time of a stream of weight 1).
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
  /** Key of the per-job time limit in seconds. */
  public static final String TIME_LIMIT = "timelimit";
  /** Key of the least interval between worker starts, in seconds. */
  public static final String FREQUENCY = "frequency";
  /** Key of the most jobs one worker runs. */
  public static final String MAX_JOBS = "maxjobs";
  /** Key of the most seconds one worker lives. */
  public static final String MAX_AGE = "maxage";
  /** Key of the workers' maximum heap. */
  public static final String HEAP = "heap";
  /** Key of further worker JVM options. */
  public static final String JVM_OPTIONS = "jvmoptions";
  /** Key of the stream's share of node slots, relative to other streams. */
  public static final String WEIGHT = "weight";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** The largest weight: larger ratios between streams mean nothing on a node of real size. */
  private static final double MAX_WEIGHT = 1_000_000;

  private final Map<String, String> values;
  private final OptionalInt mpps;
  private final Duration timeout;
  private final int maxAttempts;
  private final OptionalInt mss;
  private final Optional<Duration> timeLimit;
  private final Duration frequency;
  private final OptionalInt maxJobs;
  private final Optional<Duration> maxAge;
  private final List<String> jvmOptions;
  private final double weight;

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
    this.timeLimit = optionalSeconds(values, TIME_LIMIT);
    this.frequency = optionalSeconds(values, FREQUENCY).orElse(Duration.ZERO);
    this.maxJobs = values.containsKey(MAX_JOBS)
        ? OptionalInt.of(positiveInt(MAX_JOBS, values.get(MAX_JOBS)))
        : OptionalInt.empty();
    this.maxAge = optionalSeconds(values, MAX_AGE);
    this.jvmOptions = jvmOptions(values);
    this.weight = values.containsKey(WEIGHT) ? positiveNumber(WEIGHT, values.get(WEIGHT)) : 1;
  }

  private static Optional<Duration> optionalSeconds(Map<String, String> values, String key) {
    return values.containsKey(key)
        ? Optional.of(seconds(key, values.get(key)))
        : Optional.empty();
  }

  private static List<String> jvmOptions(Map<String, String> values) {
    List<String> options = new ArrayList<>();
    String heap = values.get(HEAP);
    if (heap != null) {
      if (!heap.strip().matches("[1-9][0-9]*[kKmMgG]?")) {
        throw new IllegalArgumentException("stream property " + HEAP
            + " must be a size such as 512m or 2g, not '" + heap + "'");
      }
      options.add("-Xmx" + heap.strip());
    }
    String more = values.get(JVM_OPTIONS);
    if (more != null) {
      for (String option : more.strip().split("\\s+")) {
        if (!option.startsWith("-")) {
          throw new IllegalArgumentException("stream property " + JVM_OPTIONS
              + " must hold JVM options that start with '-', not '" + option + "'");
        }
        options.add(option);
      }
    }
    return List.copyOf(options);
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

  private static double positiveNumber(String key, String value) {
    try {
      double parsed = Double.parseDouble(value.strip());
      if (parsed > 0 && parsed <= MAX_WEIGHT) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("stream property " + key
        + " must be a positive number of at most " + (int) MAX_WEIGHT + ", not '" + value + "'");
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

  /** How long one job may run, if the stream sets a limit. */
  public Optional<Duration> timeLimit() {
    return timeLimit;
  }

  /** The least time between two worker starts on one node; zero for no pause. */
  public Duration frequency() {
    return frequency;
  }

  /** How many jobs one worker runs before it leaves, if limited. */
  public OptionalInt maxJobs() {
    return maxJobs;
  }

  /** How long one worker lives, if limited. */
  public Optional<Duration> maxAge() {
    return maxAge;
  }

  /** The JVM options for the stream's workers ({@code heap} first, then {@code jvmoptions}). */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** The stream's share of node slots relative to other streams' weights; 1 unless set. */
  public double weight() {
    return weight;
  }
}
