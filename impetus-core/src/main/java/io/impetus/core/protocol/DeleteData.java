package io.impetus.core.protocol;

/**
 * Removes a key from a stream's data store. Answered by {@link DataValue} holding the removed
 * value, or null when there was none.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param key the key
 */
public record DeleteData(long rid, String streamId, String key) implements ClientRequest {}
