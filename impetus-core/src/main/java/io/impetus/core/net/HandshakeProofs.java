package io.impetus.core.net;

import io.impetus.core.protocol.PeerRole;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 proofs of the handshake. The peer signs both challenges with its role; the
 * queue signs them in the other order with a different label, so a proof can never be replayed
 * in the other direction. Comparison is constant-time. Public for peers that speak the protocol by
 * hand, as the tests' raw peer does; the handshake handlers use it for everyone else. Immutable.
 */
public final class HandshakeProofs {

  static final int NONCE_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** Proofs made with {@code authkey}. */
  public HandshakeProofs(Authkey authkey) {
    this.key = new SecretKeySpec(authkey.secret(), "HmacSHA256");
  }

  /** A fresh random challenge. */
  public static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** The peer's answer to the queue's challenge. */
  public byte[] peerProof(byte[] queueNonce, byte[] peerNonce, PeerRole role, String peerId) {
    return mac("impetus-peer/" + role + "/" + peerId, queueNonce, peerNonce);
  }

  /** The queue's answer to the peer's challenge. */
  public byte[] queueProof(byte[] queueNonce, byte[] peerNonce) {
    return mac("impetus-queue", peerNonce, queueNonce);
  }

  static boolean same(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private byte[] mac(String label, byte[] first, byte[] second) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(label.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(first);
      mac.update(second);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
