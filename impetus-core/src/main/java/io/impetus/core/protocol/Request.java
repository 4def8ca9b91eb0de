package io.impetus.core.protocol;

/**
 * A message that expects exactly one {@link Reply} carrying the same request id. Ids are chosen
 * by the sender and unique per connection, so many requests may be in flight at once.
 */
public interface Request extends Message {
  /** The correlation id that the reply repeats. */
  long rid();
}
