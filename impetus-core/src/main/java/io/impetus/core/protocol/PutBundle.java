package io.impetus.core.protocol;

/**
 * Uploads a code bundle. The queue checks that {@code bytes} hash to {@code hash} and refuses
 * them otherwise. Answered by {@link Ack} or {@link Failure}.
 *
 * @param rid the request id
 * @param hash SHA-256 of {@code bytes}, lower-case hex
 * @param bytes the bundle
 */
public record PutBundle(long rid, String hash, byte[] bytes) implements ClientRequest {}
