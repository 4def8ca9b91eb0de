package io.impetus.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.core.job.JobSpec;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BundleBytes;
import io.impetus.core.protocol.Drain;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.PutBundle;
import io.impetus.core.protocol.Push;
import io.impetus.core.protocol.Request;
import io.impetus.core.protocol.SubmitJobs;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both transports of {@link PeerConnection} against a real server on loopback that speaks the
 * queue's framing and handshake, acknowledges every request and pushes a {@link Drain} to every
 * peer it authenticates.
 */
class PeerConnectionTest {

  private static final Authkey KEY = Authkey.of("secret");

  /** The two ways to open a connection. */
  enum Kind {
    EVENT_LOOP, DIRECT;

    PeerConnection open(HostAndPort address, Authkey key, Consumer<Push> pushes) {
      return this == EVENT_LOOP
          ? PeerConnection.open(address, key, PeerRole.WORKER, "w1", pushes)
          : PeerConnection.openDirect(address, key, PeerRole.WORKER, "w1", pushes);
    }
  }

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, Transport.ioHandlers());
  private final Set<Channel> peers = ConcurrentHashMap.newKeySet();
  private HostAndPort address;
  /** Whether the server reads what authenticated peers send (else it leaves it in the socket). */
  private volatile boolean reading = true;

  private void serve() throws InterruptedException {
    Channel server = new ServerBootstrap().group(group).channel(Transport.serverChannel())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            peers.add(ch);
            Framing.install(ch.pipeline());
            ch.pipeline().addLast(new KryoMessageCodec());
            ch.pipeline().addLast(new ServerHandshakeHandler(KEY, Duration.ofSeconds(5),
                Framing.DEFAULT_MAX_FRAME));
            ch.pipeline().addLast(new SimpleChannelInboundHandler<Message>() {
              @Override
              public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof PeerAuthenticated) {
                  ctx.writeAndFlush(new Drain(7));
                  ctx.channel().config().setAutoRead(reading);
                }
              }

              @Override
              protected void channelRead0(ChannelHandlerContext ctx, Message message) {
                if (message instanceof PutBundle put) {
                  ctx.writeAndFlush(new BundleBytes(put.rid(), put.bytes()));
                  return;
                }
                ctx.writeAndFlush(new Ack(((Request) message).rid()));
              }
            });
          }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    address = new HostAndPort("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void callsFromManyThreadsAreAnsweredAndPushesArrive(Kind kind) throws Exception {
    serve();
    List<Push> pushes = new CopyOnWriteArrayList<>();
    try (PeerConnection connection = kind.open(address, KEY, pushes::add)) {
      List<CompletableFuture<Ack>> calls = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 250; i++) {
            CompletableFuture<Ack> call = connection.call(ListStreams::new, Ack.class);
            synchronized (calls) {
              calls.add(call);
            }
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }

      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(calls).hasSize(1_000);
      assertThat(calls.stream().map(call -> call.join().rid()).distinct()).hasSize(1_000);
      assertThat(pushes).containsExactly(new Drain(7));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void largeAndSmallArraysComeBackWhole(Kind kind) throws Exception {
    serve();
    Random random = new Random(11);
    try (PeerConnection connection = kind.open(address, KEY, push -> { })) {
      for (int size : new int[] {10, 8 * 1024, 100 * 1024, 3 << 20}) {
        byte[] payload = new byte[size];
        random.nextBytes(payload);

        BundleBytes echoed = connection.call(rid -> new PutBundle(rid, "ff", payload),
            BundleBytes.class).get(30, TimeUnit.SECONDS);

        assertThat(echoed.bytes()).as("%d bytes", size).isEqualTo(payload);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWrongKeyIsRefusedWithTheQueuesReason(Kind kind) throws Exception {
    serve();

    assertThatThrownBy(() -> kind.open(address, Authkey.of("guess"), push -> { }))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("the queue at " + address + " refused this worker: wrong authkey");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aQueueThatIsNotThereIsReportedByAddress(Kind kind) throws IOException {
    int port;
    try (ServerSocket unused = new ServerSocket(0)) {
      port = unused.getLocalPort();
    }
    HostAndPort nowhere = new HostAndPort("127.0.0.1", port);

    assertThatThrownBy(() -> kind.open(nowhere, KEY, push -> { }))
        .isInstanceOf(PeerException.class)
        .hasMessageStartingWith("cannot reach the queue at " + nowhere + ": Connection refused");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void whenTheQueueClosesTheConnectionPendingAndLaterCallsFail(Kind kind) throws Exception {
    serve();
    try (PeerConnection connection = kind.open(address, KEY, push -> { })) {
      connection.call(ListStreams::new, Ack.class).get(10, TimeUnit.SECONDS);

      for (Channel peer : peers) {
        peer.close().sync();
      }

      connection.closeFuture().get(10, TimeUnit.SECONDS);
      assertThat(connection.isOpen()).isFalse();
      assertThat(connection.call(ListStreams::new, Ack.class))
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(ConnectionClosedException.class);
    }
  }

  @Test
  void aDirectWriteThatTheQueueDoesNotReadClosesTheConnectionAfterItsTimeout() throws Exception {
    reading = false;
    serve();
    PeerConnection connection = PeerConnection.openDirect(address, KEY, PeerRole.WORKER, "w1",
        push -> { }, Duration.ofMillis(400));
    JobSpec large = new JobSpec("j", "f", "a.B", "ff", new byte[1 << 20], 0, 0, "s", 0, Map.of());
    List<CompletableFuture<Ack>> calls = new CopyOnWriteArrayList<>();
    Thread sender = new Thread(() -> {
      // the socket's buffers take a few of these; then a write waits for the queue to read
      for (int i = 0; i < 100 && connection.isOpen(); i++) {
        calls.add(connection.call(rid -> new SubmitJobs(rid, "s", List.of(large)), Ack.class));
      }
    });
    sender.start();

    connection.closeFuture().get(30, TimeUnit.SECONDS);
    sender.join(30_000);
    assertThat(sender.isAlive()).isFalse();
    assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ConnectionClosedException.class));
    connection.close();
  }

  @Test
  void aPeerThatDoesNotSpeakTheProtocolFailsTheDirectHandshake() throws Exception {
    try (ServerSocket stranger = new ServerSocket(0)) {
      HostAndPort at = new HostAndPort("127.0.0.1", stranger.getLocalPort());
      Thread talker = new Thread(() -> {
        try (Socket socket = stranger.accept()) {
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          socket.getInputStream().read();
        } catch (IOException e) {
          // the peer hung up
        }
      });
      talker.start();

      assertThatThrownBy(() -> Kind.DIRECT.open(at, KEY, push -> { }))
          .isInstanceOf(PeerException.class)
          .hasMessageStartingWith("handshake with the queue at " + at + " failed: frame of");
      talker.join(10_000);
    }
  }
}
