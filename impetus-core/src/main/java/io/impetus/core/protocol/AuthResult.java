package io.impetus.core.protocol;

/**
 * The queue's verdict on an {@link AuthRequest}. When accepted, {@code proof} proves that the
 * queue knows the authkey too; when refused, {@code reason} says why and the queue closes the
 * connection.
 *
 * @param accepted whether the peer may go on
 * @param reason why the peer was refused, empty when accepted
 * @param proof the queue's HMAC-SHA256 proof, empty when refused
 */
public record AuthResult(boolean accepted, String reason, byte[] proof) implements Message {}
