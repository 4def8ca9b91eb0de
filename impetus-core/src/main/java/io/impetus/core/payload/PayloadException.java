package io.impetus.core.payload;

/** A job argument or result could not be serialized or deserialized. */
public final class PayloadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for the user and its cause. */
  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
