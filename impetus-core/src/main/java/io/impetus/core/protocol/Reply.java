package io.impetus.core.protocol;

/** The answer to the {@link Request} with the same request id. */
public interface Reply extends Message {
  /** The correlation id of the request this answers. */
  long rid();
}
