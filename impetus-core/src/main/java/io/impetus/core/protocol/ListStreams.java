package io.impetus.core.protocol;

/**
 * Asks for every stream's {@link StreamStats} (the DFS reads them at each tick). Answered by
 * {@link StreamList}.
 *
 * @param rid the request id
 */
public record ListStreams(long rid) implements ControlRequest {}
