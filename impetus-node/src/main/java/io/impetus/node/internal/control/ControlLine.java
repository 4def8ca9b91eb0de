package io.impetus.node.internal.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The words of the control channel between a node and a worker it started.
 *
 * <p>Worker to node, on the worker's standard output, each line starting with {@link #MARKER}
 * (anything else on that stream is the worker's ordinary output, which the node relays to its
 * log): {@code start <jobId> <timeLimitMillis>} when a job starts, {@code idle} when the worker
 * runs no job, {@code dump <base64>} answering a thread dump request.
 *
 * <p>Node to worker, one word per line on the worker's standard input: {@link #DUMP} asks for a
 * thread dump, {@link #DRAIN} asks it to lease nothing more and leave once its jobs are done. End
 * of input means the node is gone: the worker halts at once, as nothing watches it any more.
 */
public final class ControlLine {

  /** Starts every control line on the worker's standard output; never part of normal text. */
  public static final String MARKER = "\u0001impetus:";
  /** A job started: {@code start <jobId> <timeLimitMillis>}. */
  public static final String START = "start";
  /** No job is running. */
  public static final String IDLE = "idle";
  /** Node to worker: send a thread dump; worker to node: {@code dump <base64>}. */
  public static final String DUMP = "dump";
  /** Node to worker: finish the jobs held, lease no more, exit. */
  public static final String DRAIN = "drain";

  private ControlLine() {}

  /** The control line that says a job started. */
  public static String start(String jobId, long timeLimitMillis) {
    return MARKER + START + " " + jobId + " " + timeLimitMillis + "\n";
  }

  /** The control line that says no job runs. */
  public static String idle() {
    return MARKER + IDLE + "\n";
  }

  /** The control line that carries a thread dump. */
  public static String dump(String text) {
    return MARKER + DUMP + " "
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n";
  }

  /** The text of a dump line's argument. */
  public static String decodeDump(String argument) {
    return new String(Base64.getDecoder().decode(argument), StandardCharsets.UTF_8);
  }
}
