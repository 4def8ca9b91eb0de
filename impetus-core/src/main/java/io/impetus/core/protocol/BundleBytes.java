package io.impetus.core.protocol;

/**
 * The answer to {@link GetBundle}.
 *
 * @param rid the request id
 * @param bytes the bundle
 */
public record BundleBytes(long rid, byte[] bytes) implements Reply {}
