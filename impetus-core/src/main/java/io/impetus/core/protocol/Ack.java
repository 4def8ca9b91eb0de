package io.impetus.core.protocol;

/**
 * The plain "done" reply to a request that returns nothing.
 *
 * @param rid the request's id
 */
public record Ack(long rid) implements Reply {}
