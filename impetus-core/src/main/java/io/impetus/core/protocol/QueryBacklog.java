package io.impetus.core.protocol;

/**
 * A node asks for a stream's current backlog. Answered by {@link BacklogReply}.
 *
 * @param rid the request id
 * @param streamId the stream
 */
public record QueryBacklog(long rid, String streamId) implements Request {}
