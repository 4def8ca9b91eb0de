package io.impetus.queue.internal.net;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.Transport;
import io.impetus.queue.internal.stream.QueueState;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The queue's listening socket and its event loops, serving the queue's state. */
public final class QueueNetwork {

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final QueueState state;
  private final Channel server;
  private final HostAndPort address;

  private QueueNetwork(HostAndPort bind, Authkey authkey, Duration handshakeTimeout,
      int maxFrame, int maxConnections, QueueState state) {
    boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("queue-accept"),
        Transport.ioHandlers());
    workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("queue-io"),
        Transport.ioHandlers());
    this.state = state;
    QueueChannelInitializer initializer = new QueueChannelInitializer(
        channels, maxConnections, authkey, handshakeTimeout, maxFrame, state);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(Transport.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(initializer);
    ChannelFuture bound =
        bootstrap.bind(new InetSocketAddress(bind.host(), bind.port())).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutdownLoops();
      throw new IllegalStateException(
          "cannot listen on " + bind + ": " + Transport.message(bound.cause()), bound.cause());
    }
    server = bound.channel();
    InetSocketAddress local = (InetSocketAddress) server.localAddress();
    address = new HostAndPort(bind.host(), local.getPort());
  }

  /** Binds and starts serving. */
  public static QueueNetwork start(HostAndPort bind, Authkey authkey, Duration handshakeTimeout,
      int maxFrame, int maxConnections, QueueState state) {
    return new QueueNetwork(bind, authkey, handshakeTimeout, maxFrame, maxConnections, state);
  }

  /** The bound address. */
  public HostAndPort address() {
    return address;
  }

  /** The state being served. */
  public QueueState state() {
    return state;
  }

  /** Closes the listening socket and every connection, then stops the event loops. */
  public void close() {
    server.close().awaitUninterruptibly();
    channels.close().awaitUninterruptibly();
    shutdownLoops();
  }

  private void shutdownLoops() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
