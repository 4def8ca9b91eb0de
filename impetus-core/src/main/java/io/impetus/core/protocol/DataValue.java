package io.impetus.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link GetData} and {@link DeleteData}.
 *
 * @param rid the request id
 * @param value the serialized value, or null when the key is not in the store
 */
public record DataValue(long rid, byte @Nullable [] value) implements Reply {}
