package io.impetus.client;

import io.impetus.core.job.StreamProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stream's properties, typed: what a client's constructor may pass instead of a map of
 * strings. Each setter takes the value as what it means ({@code timeout(Duration)}, {@code
 * mpps(int)}); {@link Builder#build()} checks them all in the one place that also checks the
 * map form ({@code -r name:value} on the examples' command lines), and an invalid value throws
 * there, naming the property. Immutable.
 *
 * <pre>{@code
 * super(address, authkey, taskdir, id, StreamOptions.builder().mpps(2).mss(1000)
 *     .timeLimit(Duration.ofMinutes(5)).build());
 * }</pre>
 */
public final class StreamOptions {

  private final Map<String, String> values;

  private StreamOptions(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** A builder with no property set: every one at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The properties as the stream records them: names as in the README, values as strings. */
  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return "StreamOptions" + values;
  }

  /** Builds {@link StreamOptions}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder() {}

    /** Most workers per node for this stream ({@code mpps}); capped by the node's {@code -m}. */
    public Builder mpps(int workers) {
      return set(StreamProperties.MPPS, Integer.toString(workers));
    }

    /** How long a worker waits without a job before it exits ({@code timeout}). */
    public Builder timeout(Duration idle) {
      return set(StreamProperties.TIMEOUT, seconds(idle));
    }

    /** Runs of a job whose worker is lost before it ends as an error ({@code maxattempts}). */
    public Builder maxAttempts(int attempts) {
      return set(StreamProperties.MAX_ATTEMPTS, Integer.toString(attempts));
    }

    /** Most unfinished jobs in the stream; {@code fork} waits beyond it ({@code mss}). */
    public Builder mss(int jobs) {
      return set(StreamProperties.MSS, Integer.toString(jobs));
    }

    /** How long a job may run before the node kills its worker ({@code timelimit}). */
    public Builder timeLimit(Duration limit) {
      return set(StreamProperties.TIME_LIMIT, seconds(limit));
    }

    /** Least time between two worker starts for this stream on one node ({@code frequency}). */
    public Builder frequency(Duration between) {
      return set(StreamProperties.FREQUENCY, seconds(between));
    }

    /** A worker leaves after this many jobs ({@code maxjobs}). */
    public Builder maxJobs(int jobs) {
      return set(StreamProperties.MAX_JOBS, Integer.toString(jobs));
    }

    /** A worker leaves after this long, once its current jobs are done ({@code maxage}). */
    public Builder maxAge(Duration age) {
      return set(StreamProperties.MAX_AGE, seconds(age));
    }

    /** The workers' heap, as {@code -Xmx} takes it: {@code 512m}, {@code 2g} ({@code heap}). */
    public Builder heap(String size) {
      return set(StreamProperties.HEAP, size);
    }

    /** More options for the workers' JVMs, each starting with {@code -} ({@code jvmoptions}). */
    public Builder jvmOptions(List<String> options) {
      return set(StreamProperties.JVM_OPTIONS, String.join(" ", options));
    }

    /** The stream's share of a node's slots, relative to other streams' ({@code weight}). */
    public Builder weight(double share) {
      return set(StreamProperties.WEIGHT, Double.toString(share));
    }

    /** A property of the user's own, recorded with the stream. */
    public Builder property(String name, String value) {
      return set(name, value);
    }

    private Builder set(String name, String value) {
      values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    private static String seconds(Duration duration) {
      return Double.toString(duration.toMillis() / 1000.0);
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the property and its value when one is invalid
     */
    public StreamOptions build() {
      StreamProperties.parse(values);
      return new StreamOptions(values);
    }
  }
}
