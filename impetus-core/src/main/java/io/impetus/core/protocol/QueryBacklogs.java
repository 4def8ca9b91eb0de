package io.impetus.core.protocol;

/**
 * A node asks for the backlog of every stream that has waiting jobs, so that a slot that frees
 * goes to whichever stream needs it, not only to the stream whose worker left. Answered by
 * {@link Backlogs}.
 *
 * @param rid the request id
 */
public record QueryBacklogs(long rid) implements NodeRequest {}
