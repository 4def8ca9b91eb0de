package io.impetus.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A finished job as a stage receives it. Arguments and results are deserialized on first use
 * with the client's own classes. Implementations are immutable and thread-safe.
 */
public interface Job {

  /** The job's unique id, as {@code fork} returned it. */
  String id();

  /** The {@code @Node} method's name. */
  String name();

  /** {@link JobStatus#READY} or {@link JobStatus#ERROR}. */
  JobStatus status();

  /** The argument the job was forked with. */
  @Nullable Object args();

  /**
   * The method's return value.
   *
   * @throws IllegalStateException when the job failed; see {@link #error()}
   */
  @Nullable Object result();

  /**
   * The return value as a {@code type}; primitives' wrappers are accepted for primitive types.
   *
   * @throws IllegalStateException when the job failed
   * @throws ClassCastException when the value is of another type
   */
  <T> @Nullable T result(Class<T> type);

  /** Why the job failed, or null when it succeeded. */
  @Nullable JobError error();

  /** How many times the job was started. */
  int attempts();

  /** The stage that received the job. */
  String callback();

  /** The job's priority. */
  int priority();

  /** When the client forked it. */
  Instant created();

  /** When the (last) worker started it. */
  Instant started();

  /** When it finished. */
  Instant finished();

  /** The node that ran it. */
  String node();

  /** The worker that ran it. */
  String worker();

  /**
   * A field of the job's JSON record (as written to the task logs), like the original's
   * {@code job.get('result')}: a String, Number, Boolean, List, Map or null.
   */
  @Nullable Object get(String field);
}
