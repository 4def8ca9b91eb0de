package io.impetus.core.protocol;

/**
 * The answer to {@link HasBundle}.
 *
 * @param rid the request id
 * @param present whether the queue holds the bundle
 */
public record BundlePresence(long rid, boolean present) implements Reply {}
