package io.impetus.client.internal.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.impetus.client.Job;
import io.impetus.client.JobError;
import io.impetus.client.JobStatus;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.payload.PayloadCodec;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Job} built from what the queue delivered. The argument, the result and the JSON record
 * are computed on first use and cached. Thread-safe.
 */
public final class ReceivedJob implements Job {

  private final JobResult delivered;
  private final String client;
  private final PayloadCodec codec;
  private @Nullable Decoded args;
  private @Nullable Decoded result;
  private @Nullable ObjectNode json;

  /** A job of stream {@code client}, decoding payloads with {@code codec}. */
  public ReceivedJob(JobResult delivered, String client, PayloadCodec codec) {
    this.delivered = delivered;
    this.client = client;
    this.codec = codec;
  }

  private JobSpec spec() {
    return delivered.spec();
  }

  private JobOutcome outcome() {
    return delivered.outcome();
  }

  @Override
  public String id() {
    return spec().id();
  }

  @Override
  public String name() {
    return spec().name();
  }

  @Override
  public JobStatus status() {
    return outcome().succeeded() ? JobStatus.READY : JobStatus.ERROR;
  }

  @Override
  public synchronized @Nullable Object args() {
    if (args == null) {
      args = Decoded.of(codec, spec().args());
    }
    return args.value();
  }

  @Override
  public synchronized @Nullable Object result() {
    byte[] bytes = outcome().result();
    if (bytes == null) {
      throw new IllegalStateException("job " + id() + " (" + name() + ") failed: "
          + outcome().error().error());
    }
    if (result == null) {
      result = Decoded.of(codec, bytes);
    }
    return result.value();
  }

  @Override
  public <T> @Nullable T result(Class<T> type) {
    Object value = result();
    Class<?> boxed = type.isPrimitive()
        ? java.lang.invoke.MethodType.methodType(type).wrap().returnType()
        : type;
    @SuppressWarnings("unchecked")
    T cast = (T) boxed.cast(value);
    return cast;
  }

  @Override
  public @Nullable JobError error() {
    ErrorInfo error = outcome().error();
    return error == null ? null : new JobError(error.error(), error.name(), error.linenumber(),
        error.statement(), error.type(), error.stacktrace());
  }

  @Override
  public int attempts() {
    return delivered.attempts();
  }

  @Override
  public String callback() {
    return spec().callback();
  }

  @Override
  public int priority() {
    return spec().priority();
  }

  @Override
  public Instant created() {
    return Instant.ofEpochMilli(spec().createdMillis());
  }

  @Override
  public Instant started() {
    return Instant.ofEpochMilli(outcome().startedMillis());
  }

  @Override
  public Instant finished() {
    return Instant.ofEpochMilli(outcome().finishedMillis());
  }

  @Override
  public String node() {
    return outcome().node();
  }

  @Override
  public String worker() {
    return outcome().worker();
  }

  @Override
  public @Nullable Object get(String field) {
    return JobJson.toPlain(json().get(field));
  }

  /** The job's JSON record, as written to the task logs. */
  public synchronized ObjectNode json() {
    if (json == null) {
      json = JobJson.record(this, delivered, client);
    }
    return json;
  }

  /** The result, or a note that it could not be decoded, for JSON. */
  @Nullable Object resultForJson() {
    try {
      return result();
    } catch (RuntimeException e) {
      return "<undecodable result: " + e.getMessage() + ">";
    }
  }

  /** The argument, or a note that it could not be decoded, for JSON. */
  @Nullable Object argsForJson() {
    try {
      return args();
    } catch (RuntimeException e) {
      return "<undecodable argument: " + e.getMessage() + ">";
    }
  }

  @Override
  public String toString() {
    return "Job[" + id() + " " + name() + " " + status().label() + "]";
  }

  /** A decoded payload, cached so that it is decoded once (a null value included). */
  private record Decoded(@Nullable Object value) {
    static Decoded of(PayloadCodec codec, byte[] bytes) {
      return new Decoded(codec.decode(bytes));
    }
  }
}
