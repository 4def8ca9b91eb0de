package io.impetus.core.protocol;

/**
 * The first message on every connection, sent by the queue: its protocol version and a fresh
 * random challenge for the peer to sign.
 *
 * @param version the queue's protocol version
 * @param nonce the queue's challenge
 */
public record Hello(int version, byte[] nonce) implements Message {}
