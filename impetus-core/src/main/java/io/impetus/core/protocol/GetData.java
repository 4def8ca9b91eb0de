package io.impetus.core.protocol;

/**
 * Reads a value from a stream's data store. Answered by {@link DataValue}.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param key the key
 */
public record GetData(long rid, String streamId, String key)
    implements ClientRequest, WorkerRequest {}
