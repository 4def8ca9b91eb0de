package io.impetus.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.Request;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first connection of a {@link ReconnectingConnection}: a queue that is not there yet is
 * waited for in the background, a refusal is thrown at once, and a start window that passes
 * gives up with the reason. A queue on loopback, started and stopped by the tests.
 */
class ReconnectingConnectionTest {

  private static final Authkey KEY = Authkey.of("secret");

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, Transport.ioHandlers());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  /** A queue that answers every request with an acknowledgement, on {@code port}. */
  private Channel serve(int port) throws InterruptedException {
    return new ServerBootstrap().group(group).channel(Transport.serverChannel())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            Framing.install(ch.pipeline());
            ch.pipeline().addLast(new KryoMessageCodec());
            ch.pipeline().addLast(new ServerHandshakeHandler(KEY, Duration.ofSeconds(5),
                Framing.DEFAULT_MAX_FRAME));
            ch.pipeline().addLast(new SimpleChannelInboundHandler<Message>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, Message message) {
                ctx.writeAndFlush(new Ack(((Request) message).rid()));
              }
            });
          }
        }).bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static ReconnectingConnection open(HostAndPort address, Authkey key,
      ReconnectPolicy start, List<Boolean> establishedFirst, List<PeerException> givenUp) {
    return ReconnectingConnection.open(
        () -> PeerConnection.open(address, key, PeerRole.CONTROL, "test", push -> { }), address,
        start, ReconnectPolicy.forever(), (connection, first) -> establishedFirst.add(first),
        givenUp::add, "test");
  }

  @Test
  void aQueueThatIsNotThereYetIsWaitedForAndItsFirstConnectionIsTheFirst() throws Exception {
    HostAndPort address = new HostAndPort("127.0.0.1", freePort());
    List<Boolean> established = new CopyOnWriteArrayList<>();
    List<PeerException> givenUp = new CopyOnWriteArrayList<>();

    try (ReconnectingConnection link = open(address, KEY, ReconnectPolicy.forever(), established,
        givenUp)) {
      assertThat(link.current()).isEmpty();
      assertThat(established).isEmpty();

      serve(address.port());

      assertThat(link.whenUp().get(30, TimeUnit.SECONDS).isOpen()).isTrue();
      assertThat(established).containsExactly(true);
      assertThat(link.call(ListStreams::new, Ack.class).get(30, TimeUnit.SECONDS)).isNotNull();
      assertThat(givenUp).isEmpty();
    }
  }

  @Test
  void aWrongKeyOnTheFirstAttemptIsThrownAtOnce() throws Exception {
    int port = freePort();
    serve(port);
    HostAndPort address = new HostAndPort("127.0.0.1", port);

    assertThatThrownBy(() -> open(address, Authkey.of("wrong"), ReconnectPolicy.forever(),
        new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("wrong authkey");
  }

  @Test
  void aStartWindowThatPassesWithoutTheQueueGivesUpWithTheLastReason() throws Exception {
    HostAndPort address = new HostAndPort("127.0.0.1", freePort());
    List<PeerException> givenUp = new CopyOnWriteArrayList<>();

    try (ReconnectingConnection link = open(address, KEY,
        ReconnectPolicy.within(Duration.ofMillis(300)), new CopyOnWriteArrayList<>(), givenUp)) {
      assertThatThrownBy(() -> link.whenUp().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).cause()
          .hasMessageStartingWith("could not connect to the queue at " + address
              + " within 300 ms (last attempt: cannot reach the queue at " + address);
      assertThat(givenUp).singleElement().extracting(Throwable::getMessage).asString()
          .startsWith("could not connect to the queue at " + address + " within 300 ms");
    }
  }
}
