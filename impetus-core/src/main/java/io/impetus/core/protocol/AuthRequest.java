package io.impetus.core.protocol;

/**
 * The peer's answer to {@link Hello}: its proof of the authkey over both challenges, and its own
 * challenge for the queue.
 *
 * @param version the peer's protocol version
 * @param role what kind of peer this is
 * @param peerId the peer's name for logs (a client id, a node id, a worker id)
 * @param nonce the peer's challenge for the queue
 * @param proof HMAC-SHA256 under the authkey, see {@code HandshakeProofs}
 */
public record AuthRequest(int version, PeerRole role, String peerId, byte[] nonce, byte[] proof)
    implements Message {}
