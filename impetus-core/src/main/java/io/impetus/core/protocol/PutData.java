package io.impetus.core.protocol;

/**
 * Stores a value under a key in a stream's data store, replacing any value there. Answered by
 * {@link Ack} once stored.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param key the key
 * @param value the serialized value
 */
public record PutData(long rid, String streamId, String key, byte[] value)
    implements ClientRequest, WorkerRequest {}
