package io.impetus.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link QueryStream}.
 *
 * @param rid the request id
 * @param stats the stream's counts, or null when the queue holds no such stream
 * @param nodes how many nodes are registered with the queue
 */
public record StreamStatus(long rid, @Nullable StreamStats stats, int nodes) implements Reply {}
