package io.impetus.client;

/**
 * The client could not do its work for a reason outside the program: the queue is unreachable or
 * refused the authkey, the task directory is missing, the connection was lost. The message is
 * meant for the user as it is.
 */
public class ImpetusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for the user. */
  public ImpetusException(String message) {
    super(message);
  }

  /** An exception with a message for the user and its cause. */
  public ImpetusException(String message, Throwable cause) {
    super(message, cause);
  }
}
