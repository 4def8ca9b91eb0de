package io.impetus.core.worker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The words of the control channel between a node and a worker it started.
 *
 * <p>Worker to node, on the worker's standard output, each line starting with {@link #MARKER}
 * (anything else on that stream is the worker's ordinary output, which the node relays to its
 * log): {@code dump <base64>} answering a thread dump request, and {@link #READY} from a warm
 * worker that has run its job path on itself. Which job runs is not told here
 * but in the worker's {@link JobSlot}, which costs no system call per job.
 *
 * <p>Node to worker, one command per line on the worker's standard input: {@link #DUMP} asks for
 * a thread dump, {@link #DRAIN} asks it to lease nothing more and leave once its jobs are done
 * (its node drains), {@link #RETIRE} the same because its slot goes to another stream, and
 * {@link #ASSIGN} followed by an {@link Assignment}'s words hands a warm worker its stream. End of
 * input means the node is gone: the worker halts at once, as nothing watches it any more.
 */
public final class ControlLine {

  /** Starts every control line on the worker's standard output; never part of normal text. */
  public static final String MARKER = "\u0001impetus:";
  /** Node to worker: send a thread dump; worker to node: {@code dump <base64>}. */
  public static final String DUMP = "dump";
  /** Node to worker: finish the jobs held, lease no more, exit. */
  public static final String DRAIN = "drain";
  /** Node to worker: finish the jobs held, lease no more, exit; the slot goes to another stream. */
  public static final String RETIRE = "retire";
  /** Warm worker to node: warmed up, waiting for a stream. */
  public static final String READY = "ready";
  /** Node to warm worker: {@code assign <words>}, work for the stream they name. */
  public static final String ASSIGN = "assign";

  private ControlLine() {}

  /** The control line that carries a thread dump. */
  public static String dump(String text) {
    return MARKER + DUMP + " "
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n";
  }

  /** The control line of a warm worker that is ready. */
  public static String ready() {
    return MARKER + READY + "\n";
  }

  /** The text of a dump line's argument. */
  public static String decodeDump(String argument) {
    return new String(Base64.getDecoder().decode(argument), StandardCharsets.UTF_8);
  }
}
