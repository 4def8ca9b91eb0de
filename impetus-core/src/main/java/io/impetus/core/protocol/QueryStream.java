package io.impetus.core.protocol;

/**
 * A client asks how its own stream stands (what waits, what runs) and how many nodes the queue
 * knows, so that it can tell its user when no worker takes its jobs. A client may ask only about
 * the stream it is connected as. Answered by {@link StreamStatus}.
 *
 * @param rid the request id
 * @param streamId the client's stream
 */
public record QueryStream(long rid, String streamId) implements ClientRequest {}
