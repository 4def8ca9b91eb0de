package io.impetus.core.net;

/**
 * A request could not be answered because its connection closed (before it was sent, or while
 * its reply was awaited). Unlike a failure the queue answered, it says nothing about the request
 * itself: sent again on a new connection, it may well succeed.
 */
public final class ConnectionClosedException extends PeerException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for the user. */
  public ConnectionClosedException(String message) {
    super(message);
  }

  /** An exception with a message for the user and its cause. */
  public ConnectionClosedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code error}, or one of its causes, is a {@link ConnectionClosedException}. */
  public static boolean isCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectionClosedException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
