package io.impetus.testing;

import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Jobs for tests: {@code aJob("a").priority(1).delay(5_000).build()}, every field the test does
 * not care about at a fixed, valid value (method {@code pow} of class {@code a.B} in bundle {@code
 * ff}, result to {@code stage1}, forked at 0, one byte of argument). A builder is not thread-safe.
 */
public final class Jobs {

  private final String id;
  private String name = "pow";
  private String className = "a.B";
  private String codeHash = "ff";
  private byte[] args = {7};
  private int priority;
  private long delayMillis;
  private String callback = "stage1";
  private long createdMillis;
  private JobLimits limits = JobLimits.STREAMS;
  private final Map<String, String> extra = new HashMap<>();

  private Jobs(String id) {
    this.id = id;
  }

  /** A job with this id and every other field at its test default. */
  public static Jobs aJob(String id) {
    return new Jobs(id);
  }

  /** The method's name. */
  public Jobs name(String value) {
    this.name = value;
    return this;
  }

  /** The class declaring the method. */
  public Jobs className(String value) {
    this.className = value;
    return this;
  }

  /** The code bundle's hash. */
  public Jobs codeHash(String value) {
    this.codeHash = value;
    return this;
  }

  /** The serialized argument. */
  public Jobs args(byte[] value) {
    this.args = value.clone();
    return this;
  }

  /** Lower runs first. */
  public Jobs priority(int value) {
    this.priority = value;
    return this;
  }

  /** Not before this many ms after it is submitted. */
  public Jobs delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** The stage its result goes to. */
  public Jobs callback(String stage) {
    this.callback = stage;
    return this;
  }

  /** When the client forked it. */
  public Jobs created(long epochMillis) {
    this.createdMillis = epochMillis;
    return this;
  }

  /** Its own limits. */
  public Jobs limits(JobLimits value) {
    this.limits = value;
    return this;
  }

  /** A property of the user's own. */
  public Jobs property(String key, String value) {
    extra.put(key, value);
    return this;
  }

  /** The job. */
  public JobSpec build() {
    return new JobSpec(id, name, className, codeHash, args, priority, delayMillis, callback,
        createdMillis, limits, extra);
  }
}
