package io.impetus.queue.internal.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes new connections beyond a fixed number of open ones, so that a flood of connections
 * cannot exhaust the queue's memory or file descriptors. Shared by all channels.
 */
@Sharable
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitHandler.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimitHandler(int max) {
    this.max = max;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    int now = open.incrementAndGet();
    ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
    if (now > max) {
      LOG.warn("refused {}: {} connections are open, the limit is {}",
          ctx.channel().remoteAddress(), now - 1, max);
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }
}
