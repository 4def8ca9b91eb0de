package io.impetus.core.protocol;

/**
 * Asks whether the queue holds the code bundle with this hash. Answered by {@link
 * BundlePresence}.
 *
 * @param rid the request id
 * @param hash SHA-256 of the bundle, lower-case hex
 */
public record HasBundle(long rid, String hash) implements ClientRequest {}
