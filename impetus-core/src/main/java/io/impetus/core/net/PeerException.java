package io.impetus.core.net;

/**
 * A peer could not be reached, refused us, failed a request, or went away. The message is meant
 * for the user as it is.
 */
public class PeerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for the user. */
  public PeerException(String message) {
    super(message);
  }

  /** An exception with a message for the user and its cause. */
  public PeerException(String message, Throwable cause) {
    super(message, cause);
  }
}
