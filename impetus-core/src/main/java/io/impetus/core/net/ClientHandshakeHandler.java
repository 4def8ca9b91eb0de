package io.impetus.core.net;

import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.ProtocolKryo;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.Promise;

/**
 * The peer's side of the handshake: answers the queue's {@link Hello} with a proof of the
 * authkey, then checks the queue's proof in return, so that neither side talks to an impostor.
 * Completes {@code done} when both proofs hold, or fails it with {@link AuthenticationException}
 * (or {@link PeerException} when the connection drops first) and closes the channel.
 *
 * <p>One instance per channel.
 */
final class ClientHandshakeHandler extends SimpleChannelInboundHandler<Message> {

  private final HandshakeProofs proofs;
  private final PeerRole role;
  private final String peerId;
  private final HostAndPort address;
  private final int maxFrame;
  private final Promise<Void> done;
  private final byte[] nonce = HandshakeProofs.nonce();
  private byte[] queueNonce;

  ClientHandshakeHandler(
      Authkey authkey,
      PeerRole role,
      String peerId,
      HostAndPort address,
      int maxFrame,
      Promise<Void> done) {
    this.proofs = new HandshakeProofs(authkey);
    this.role = role;
    this.peerId = peerId;
    this.address = address;
    this.maxFrame = maxFrame;
    this.done = done;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) {
    if (message instanceof Hello hello && queueNonce == null) {
      if (hello.version() != ProtocolKryo.VERSION) {
        fail(ctx, "the queue at " + address + " speaks protocol version " + hello.version()
            + ", this program version " + ProtocolKryo.VERSION);
        return;
      }
      queueNonce = hello.nonce();
      byte[] proof = proofs.peerProof(queueNonce, nonce, role, peerId);
      ctx.writeAndFlush(new AuthRequest(ProtocolKryo.VERSION, role, peerId, nonce, proof));
    } else if (message instanceof AuthResult result && queueNonce != null) {
      if (!result.accepted()) {
        fail(ctx, "the queue at " + address + " refused this " + role.name().toLowerCase()
            + ": " + result.reason());
      } else if (!HandshakeProofs.same(proofs.queueProof(queueNonce, nonce), result.proof())) {
        fail(ctx, "the queue at " + address + " could not prove that it knows the authkey");
      } else {
        Framing.raiseLimit(ctx.pipeline(), maxFrame);
        ctx.pipeline().remove(this);
        done.trySuccess(null);
      }
    } else {
      fail(ctx, "the peer at " + address + " does not speak the Impetus protocol (sent "
          + message.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    done.tryFailure(new PeerException(
        "the queue at " + address + " closed the connection during the handshake"));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    done.tryFailure(new PeerException(
        "handshake with the queue at " + address + " failed: " + cause.getMessage(), cause));
    ctx.close();
  }

  private void fail(ChannelHandlerContext ctx, String reason) {
    done.tryFailure(new AuthenticationException(reason));
    ctx.close();
  }
}
