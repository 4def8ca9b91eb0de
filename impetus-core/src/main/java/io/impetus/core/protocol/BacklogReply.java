package io.impetus.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link QueryBacklog}.
 *
 * @param rid the request id
 * @param backlog the stream's backlog, or null when the stream no longer exists
 */
public record BacklogReply(long rid, @Nullable StreamBacklog backlog) implements Reply {}
