package io.impetus.queue.internal.journal;

/** The journal's files cannot be read back: the queue refuses to start rather than lose data. */
public final class CorruptJournalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the file and the problem. */
  public CorruptJournalException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public CorruptJournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
