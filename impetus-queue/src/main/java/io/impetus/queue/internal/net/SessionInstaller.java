package io.impetus.queue.internal.net;

import io.impetus.core.net.PeerAuthenticated;
import io.impetus.queue.internal.stream.QueueState;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Holds the session's place in the pipeline until the handshake says who the peer is, then
 * replaces itself with the session of the peer's role: a {@link ClientSession}, {@link
 * WorkerSession}, {@link NodeSession} or {@link ControlSession}, each serving only its role's
 * requests. The handshake lets no message through before; the coming identity work decides roles
 * from credentials here. One instance per channel.
 */
final class SessionInstaller extends ChannelInboundHandlerAdapter {

  /** The session's name in the pipeline. */
  static final String NAME = "session";

  private final QueueState state;

  SessionInstaller(QueueState state) {
    this.state = state;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof PeerAuthenticated peer) {
      PeerSession<?> session = switch (peer.role()) {
        case CLIENT -> new ClientSession(state, peer, ctx.channel());
        case WORKER -> new WorkerSession(state, peer, ctx.channel());
        case NODE -> new NodeSession(state, peer, ctx.channel());
        case CONTROL -> new ControlSession(state, peer, ctx.channel());
      };
      ctx.pipeline().replace(this, NAME, session);
    }
    super.userEventTriggered(ctx, event);
  }

  /** A message before the handshake ended: the handshake lets none through, so none is served. */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ReferenceCountUtil.release(message);
    ctx.close();
  }
}
