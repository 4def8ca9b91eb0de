package io.impetus.core.protocol;

/**
 * Fetches a code bundle. Answered by {@link BundleBytes}, or {@link Failure} when the queue does
 * not hold it.
 *
 * @param rid the request id
 * @param hash SHA-256 of the bundle, lower-case hex
 */
public record GetBundle(long rid, String hash) implements WorkerRequest, NodeRequest {}
