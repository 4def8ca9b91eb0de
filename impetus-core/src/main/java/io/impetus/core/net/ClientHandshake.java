package io.impetus.core.net;

import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.ProtocolKryo;

/**
 * The peer's side of the handshake, apart from any transport: answers the queue's {@link Hello}
 * with a proof of the authkey ({@link #answer}), then checks the queue's proof in return ({@link
 * #check}), so that neither side talks to an impostor. Every refusal is an {@link
 * AuthenticationException} whose message says what went wrong.
 *
 * <p>One instance per connection attempt; not thread-safe.
 */
final class ClientHandshake {

  private final HandshakeProofs proofs;
  private final PeerRole role;
  private final String peerId;
  private final HostAndPort address;
  private final byte[] nonce = HandshakeProofs.nonce();
  private byte[] queueNonce;

  ClientHandshake(Authkey authkey, PeerRole role, String peerId, HostAndPort address) {
    this.proofs = new HandshakeProofs(authkey);
    this.role = role;
    this.peerId = peerId;
    this.address = address;
  }

  /** Whether the queue's {@link Hello} was answered, so that its {@link AuthResult} is next. */
  boolean answered() {
    return queueNonce != null;
  }

  /**
   * The request that answers the queue's first message.
   *
   * @throws AuthenticationException when it is not a {@link Hello} of this protocol version
   */
  AuthRequest answer(Message first) {
    if (!(first instanceof Hello hello)) {
      throw notImpetus(first);
    }
    if (hello.version() != ProtocolKryo.VERSION) {
      throw new AuthenticationException("the queue at " + address + " speaks protocol version "
          + hello.version() + ", this program version " + ProtocolKryo.VERSION);
    }
    queueNonce = hello.nonce();
    return new AuthRequest(ProtocolKryo.VERSION, role, peerId, nonce,
        proofs.peerProof(queueNonce, nonce, role, peerId));
  }

  /**
   * Checks the queue's answer to the request.
   *
   * @throws AuthenticationException when the queue refused this peer, could not prove that it
   *     knows the authkey, or sent something else
   */
  void check(Message answer) {
    if (!(answer instanceof AuthResult result)) {
      throw notImpetus(answer);
    }
    if (!result.accepted()) {
      throw new AuthenticationException("the queue at " + address + " refused this "
          + role.name().toLowerCase() + ": " + result.reason());
    }
    if (!HandshakeProofs.same(proofs.queueProof(queueNonce, nonce), result.proof())) {
      throw new AuthenticationException(
          "the queue at " + address + " could not prove that it knows the authkey");
    }
  }

  private AuthenticationException notImpetus(Message message) {
    return new AuthenticationException("the peer at " + address
        + " does not speak the Impetus protocol (sent " + message.getClass().getSimpleName()
        + ")");
  }
}
