package io.impetus.core.job;

import java.util.Map;
import java.util.Objects;

/**
 * A job as the client forks it: which shipped method to run, on which argument, and where its
 * result goes. Immutable; the queue stores it as it is and never deserializes {@code args}.
 *
 * @param id unique job id, chosen by the client so that {@code fork} can return it at once
 * @param name the {@code @Node} method's name
 * @param className binary name of the class that declares the method, inside the code bundle
 * @param codeHash SHA-256 (hex) of the code bundle that holds {@code className}
 * @param args the argument, serialized by the client's payload codec
 * @param priority lower values are served first; equal priorities are first-in first-out
 * @param delayMillis the job may not start before {@code createdMillis + delayMillis}
 * @param callback the client stage that receives the result
 * @param createdMillis when the client forked the job (epoch milliseconds)
 * @param limits the job's own time and attempt limits, else the stream's
 * @param extra the user's own properties, recorded with the job
 */
public record JobSpec(
    String id,
    String name,
    String className,
    String codeHash,
    byte[] args,
    int priority,
    long delayMillis,
    String callback,
    long createdMillis,
    JobLimits limits,
    Map<String, String> extra) {

  /** A job with the stream's limits. */
  public JobSpec(String id, String name, String className, String codeHash, byte[] args,
      int priority, long delayMillis, String callback, long createdMillis,
      Map<String, String> extra) {
    this(id, name, className, codeHash, args, priority, delayMillis, callback, createdMillis,
        JobLimits.STREAMS, extra);
  }

  /** Checks the fields and takes an immutable copy of {@code extra}. */
  public JobSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(limits, "limits");
    if (limits.equals(JobLimits.STREAMS)) {
      limits = JobLimits.STREAMS; // one instance for the common case: a waiting job costs less
    }
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
    }
    extra = Map.copyOf(extra);
  }

  /** The earliest time (epoch milliseconds) at which the job may start. */
  public long notBeforeMillis() {
    return createdMillis + delayMillis;
  }
}
