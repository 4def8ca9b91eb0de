package io.impetus.core.net;

import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.ProtocolKryo;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's side of the handshake. On connect it sends {@link Hello} with a fresh challenge;
 * the peer must answer with a valid {@link AuthRequest} within the timeout, or the connection is
 * closed. A wrong key or version gets an {@link AuthResult} that says so, then the connection is
 * closed. On success it answers with the queue's own proof, raises the frame limit, removes
 * itself and fires {@link PeerAuthenticated}; nothing reaches later handlers before that.
 *
 * <p>One instance per channel.
 */
public final class ServerHandshakeHandler extends SimpleChannelInboundHandler<Message> {

  private static final Logger LOG = LoggerFactory.getLogger(ServerHandshakeHandler.class);

  private final HandshakeProofs proofs;
  private final Duration timeout;
  private final int maxFrame;
  private final byte[] nonce = HandshakeProofs.nonce();
  private ScheduledFuture<?> timer;

  /**
   * A handler for one new connection.
   *
   * @param authkey the key peers must prove
   * @param timeout how long a peer may take to authenticate
   * @param maxFrame the frame limit once authenticated
   */
  public ServerHandshakeHandler(Authkey authkey, Duration timeout, int maxFrame) {
    this.proofs = new HandshakeProofs(authkey);
    this.timeout = timeout;
    this.maxFrame = maxFrame;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  LOG.warn(
                      "closing {}: no authentication within {} ms",
                      ctx.channel().remoteAddress(),
                      timeout.toMillis());
                  ctx.close();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    ctx.writeAndFlush(new Hello(ProtocolKryo.VERSION, nonce));
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) {
    if (!(message instanceof AuthRequest request)) {
      refuse(ctx, "expected authentication, got " + message.getClass().getSimpleName());
      return;
    }
    if (request.role() == null || request.peerId() == null || request.nonce() == null
        || request.proof() == null) {
      refuse(ctx, "malformed authentication request");
      return;
    }
    if (request.version() != ProtocolKryo.VERSION) {
      refuse(
          ctx,
          "protocol version "
              + request.version()
              + " is not supported; this queue speaks version "
              + ProtocolKryo.VERSION);
      return;
    }
    byte[] expected = proofs.peerProof(nonce, request.nonce(), request.role(), request.peerId());
    if (!HandshakeProofs.same(expected, request.proof())) {
      refuse(ctx, "wrong authkey");
      return;
    }
    timer.cancel(false);
    ctx.writeAndFlush(new AuthResult(true, "", proofs.queueProof(nonce, request.nonce())));
    Framing.raiseLimit(ctx.pipeline(), maxFrame);
    ctx.pipeline().remove(this);
    LOG.debug("{} {} authenticated from {}", request.role(), request.peerId(),
        ctx.channel().remoteAddress());
    ctx.fireUserEventTriggered(new PeerAuthenticated(request.role(), request.peerId()));
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    LOG.warn("refused {}: {}", ctx.channel().remoteAddress(), reason);
    timer.cancel(false);
    ctx.writeAndFlush(new AuthResult(false, reason, new byte[0]))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("closing {} during handshake: {}", ctx.channel().remoteAddress(),
        Transport.describe(cause));
    ctx.close();
  }
}
