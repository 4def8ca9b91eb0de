package io.impetus.core.protocol;

/**
 * Deletes a stream whose client has finished: its jobs, results, data and properties. Answered
 * by {@link Ack}.
 *
 * @param rid the request id
 * @param streamId the stream
 */
public record CloseStream(long rid, String streamId) implements ClientRequest {}
