package io.impetus.core.net;

import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
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

  private final ClientHandshake handshake;
  private final HostAndPort address;
  private final int maxFrame;
  private final Promise<Void> done;

  ClientHandshakeHandler(
      Authkey authkey,
      PeerRole role,
      String peerId,
      HostAndPort address,
      int maxFrame,
      Promise<Void> done) {
    this.handshake = new ClientHandshake(authkey, role, peerId, address);
    this.address = address;
    this.maxFrame = maxFrame;
    this.done = done;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) {
    try {
      if (!handshake.answered()) {
        ctx.writeAndFlush(handshake.answer(message));
        return;
      }
      handshake.check(message);
    } catch (AuthenticationException e) {
      done.tryFailure(e);
      ctx.close();
      return;
    }
    // out of the way first: raising the limit hands on the frames already buffered, such as a
    // push the queue sent right after its answer
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(this);
    Framing.raiseLimit(pipeline, maxFrame);
    done.trySuccess(null);
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
}
