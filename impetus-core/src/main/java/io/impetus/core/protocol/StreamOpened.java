package io.impetus.core.protocol;

/**
 * The answer to {@link OpenStream}.
 *
 * @param rid the request id
 * @param existed true when the stream was already there (the client re-attached)
 * @param unfinished jobs of the stream that the client has not acknowledged yet, finished or not:
 *     each will be pushed to the client once finished
 */
public record StreamOpened(long rid, boolean existed, int unfinished) implements Reply {}
