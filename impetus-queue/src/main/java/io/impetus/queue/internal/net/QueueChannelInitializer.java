package io.impetus.queue.internal.net;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.Framing;
import io.impetus.core.net.KryoMessageCodec;
import io.impetus.core.net.ServerHandshakeHandler;
import io.impetus.queue.internal.stream.QueueState;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/**
 * The queue's pipeline, top to bottom: connection limit, framing (small until authenticated),
 * Kryo codec, handshake, then the session that serves requests. Each channel also joins the
 * group that the queue closes on shutdown.
 */
final class QueueChannelInitializer extends ChannelInitializer<SocketChannel> {

  private final ChannelGroup channels;
  private final ConnectionLimitHandler limit;
  private final Authkey authkey;
  private final Duration handshakeTimeout;
  private final int maxFrame;
  private final QueueState state;

  QueueChannelInitializer(ChannelGroup channels, int maxConnections, Authkey authkey,
      Duration handshakeTimeout, int maxFrame, QueueState state) {
    this.channels = channels;
    this.limit = new ConnectionLimitHandler(maxConnections);
    this.authkey = authkey;
    this.handshakeTimeout = handshakeTimeout;
    this.maxFrame = maxFrame;
    this.state = state;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    ChannelPipeline pipeline = ch.pipeline();
    pipeline.addLast("connection-limit", limit);
    Framing.install(pipeline);
    pipeline.addLast(KryoMessageCodec.NAME, new KryoMessageCodec());
    pipeline.addLast("handshake", new ServerHandshakeHandler(authkey, handshakeTimeout, maxFrame));
    pipeline.addLast(SessionInstaller.NAME, new SessionInstaller(state));
  }
}
