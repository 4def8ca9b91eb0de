package io.impetus.client.tasklog;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fields of a task-log record, the JSON object on each line, as the original Impetus named
 * them. Every record has the {@link #FIELDS}; a job forked with its own limits adds {@link
 * #TIMELIMIT} and {@link #MAXATTEMPTS}, and a job's own properties ({@code
 * Fork.property(key, value)}) add a field each. Timestamps are ISO-8601 UTC strings. Constants
 * only.
 */
public final class TaskRecord {

  /** The job's id, as {@code fork} returned it. */
  public static final String ID = "id";
  /** The {@code @Node} method's name. */
  public static final String NAME = "name";
  /** {@link #READY} or {@link #ERROR}. */
  public static final String STATUS = "status";
  /** When the client forked it. */
  public static final String CREATED = "created";
  /** The argument, as JSON (a value Jackson cannot write is its string form). */
  public static final String ARGS = "args";
  /** The fork's delay, in seconds. */
  public static final String DELAY = "delay";
  /** The fork's priority: lower values ran first. */
  public static final String PRIORITY = "priority";
  /** The stage that received the job. */
  public static final String CALLBACK = "callback";
  /** The client's id. */
  public static final String CLIENT = "client";
  /**
   * The method's return value, as JSON; in {@code .err} files the error structure, whose fields
   * are {@link #ERROR_FIELDS}.
   */
  public static final String RESULT = "result";
  /** The SHA-256 of the code bundle the job ran. */
  public static final String CODE = "code";
  /** The node that ran it. */
  public static final String NODE = "node";
  /** The worker that ran it: its process id. */
  public static final String WORKER = "worker";
  /** How many times it was started. */
  public static final String ATTEMPTS = "attempts";
  /** When its last attempt started. */
  public static final String STARTED = "started";
  /** When it finished. */
  public static final String FINISHED = "finished";
  /** The job's own run-time limit in seconds, when its fork set one. */
  public static final String TIMELIMIT = "timelimit";
  /** The job's own attempt limit, when its fork set one. */
  public static final String MAXATTEMPTS = "maxattempts";

  /** The {@link #STATUS} of a job whose method returned: its record is in the {@code .ok} file. */
  public static final String READY = "ready";
  /** The {@link #STATUS} of a job that failed: its record is in the {@code .err} file. */
  public static final String ERROR = "error";

  /** The fields every record has, in the order they are written. */
  public static final List<String> FIELDS = List.of(ID, NAME, STATUS, CREATED, ARGS, DELAY,
      PRIORITY, CALLBACK, CLIENT, RESULT, CODE, NODE, WORKER, ATTEMPTS, STARTED, FINISHED);

  /**
   * The fields of the error structure in {@link #RESULT} of a failed job: the exception's message
   * ({@code error}), the deepest frame of the shipped code ({@code name}, {@code linenumber},
   * {@code statement}), the exception's class ({@code type}) and its stack trace.
   */
  public static final List<String> ERROR_FIELDS = List.of("error", "name", "linenumber",
      "statement", "type", "stacktrace");

  /** The names a job's own property may not take: the fields and the per-job limits. */
  public static final Set<String> RESERVED = Set.copyOf(
      Stream.concat(FIELDS.stream(), Stream.of(TIMELIMIT, MAXATTEMPTS)).toList());

  private TaskRecord() {}
}
