package io.impetus.core.protocol;

/**
 * The reply to a request the queue could not carry out; the connection stays open.
 *
 * @param rid the request's id
 * @param message what went wrong, for the user
 */
public record Failure(long rid, String message) implements Reply {}
