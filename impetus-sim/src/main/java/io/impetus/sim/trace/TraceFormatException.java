package io.impetus.sim.trace;

/**
 * A trace file that cannot be read: missing, unreadable, or with a malformed line. The message
 * is one line naming the file (and the line number, for a bad line).
 */
public final class TraceFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error with its one-line message. */
  public TraceFormatException(String message) {
    super(message);
  }
}
