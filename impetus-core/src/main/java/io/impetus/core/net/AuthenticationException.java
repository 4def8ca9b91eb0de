package io.impetus.core.net;

/** The handshake failed: a wrong authkey on either side, or a protocol version mismatch. */
public final class AuthenticationException extends PeerException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for the user. */
  public AuthenticationException(String message) {
    super(message);
  }
}
