package io.impetus.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.ProtocolKryo;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Drives both sides of the handshake over embedded channels, without sockets. */
class HandshakeTest {

  private static final HostAndPort QUEUE = new HostAndPort("queue.test", 1);

  private final EmbeddedChannel server = new EmbeddedChannel();
  private final EmbeddedChannel client = new EmbeddedChannel();
  private final Promise<Void> done = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
  private final List<Object> authenticated = new ArrayList<>();
  private final ChannelInboundHandlerAdapter events = new ChannelInboundHandlerAdapter() {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      authenticated.add(event);
    }
  };

  private void connect(Authkey serverKey, Authkey clientKey) {
    Framing.install(server.pipeline());
    Framing.install(client.pipeline());
    server.pipeline().addLast(new ServerHandshakeHandler(serverKey, Duration.ofSeconds(5),
        Framing.DEFAULT_MAX_FRAME));
    server.pipeline().addLast(events);
    client.pipeline().addLast(new ClientHandshakeHandler(clientKey, PeerRole.CLIENT, "c1",
        QUEUE, Framing.DEFAULT_MAX_FRAME, done));
    server.pipeline().fireChannelActive();
  }

  /** Moves every message each side wrote to the other side until both are quiet. */
  private void exchange() {
    boolean moved = true;
    while (moved) {
      moved = false;
      Object out;
      while ((out = server.readOutbound()) != null) {
        client.writeInbound(out);
        moved = true;
      }
      while ((out = client.readOutbound()) != null) {
        server.writeInbound(out);
        moved = true;
      }
    }
  }

  @Test
  void peersWithTheSameKeyAuthenticateEachOther() {
    connect(Authkey.of("secret"), Authkey.of("secret"));
    exchange();

    assertThat(done.isSuccess()).isTrue();
    assertThat(authenticated).containsExactly(new PeerAuthenticated(PeerRole.CLIENT, "c1"));
    assertThat(server.isActive()).isTrue();
    assertThat(client.pipeline().get(ClientHandshakeHandler.class)).isNull();
    assertThat(server.pipeline().get(ServerHandshakeHandler.class)).isNull();
  }

  @Test
  void wrongKeyIsRefusedWithAClearReasonAndTheConnectionClosed() {
    connect(Authkey.of("secret"), Authkey.of("guess"));
    exchange();

    assertThat(done.cause()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("refused this client: wrong authkey");
    assertThat(server.isOpen()).isFalse();
    assertThat(authenticated).isEmpty();
  }

  @Test
  void aQueueThatCannotProveTheKeyIsRejectedByTheClient() {
    Framing.install(client.pipeline());
    client.pipeline().addLast(new ClientHandshakeHandler(Authkey.of("secret"), PeerRole.CLIENT,
        "c1", QUEUE, Framing.DEFAULT_MAX_FRAME, done));
    client.writeInbound(new Hello(ProtocolKryo.VERSION, new byte[32]));
    client.readOutbound();
    client.writeInbound(new AuthResult(true, "", new byte[32]));

    assertThat(done.cause()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("could not prove that it knows the authkey");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void authRequestWithMissingFieldsIsRefused() {
    Framing.install(server.pipeline());
    server.pipeline().addLast(new ServerHandshakeHandler(Authkey.of("secret"),
        Duration.ofSeconds(3), Framing.DEFAULT_MAX_FRAME));
    server.pipeline().addLast(events);
    server.pipeline().fireChannelActive();
    server.readOutbound();

    server.writeInbound(new AuthRequest(ProtocolKryo.VERSION, null, null, null, null));

    AuthResult result = server.readOutbound();
    assertThat(result.accepted()).isFalse();
    assertThat(result.reason()).isEqualTo("malformed authentication request");
    assertThat(server.isOpen()).isFalse();
    assertThat(authenticated).isEmpty();
  }

  @Test
  void wrongProtocolVersionIsRefusedWithBothVersions() {
    connect(Authkey.of("secret"), Authkey.of("secret"));
    Hello hello = server.readOutbound();

    server.writeInbound(new AuthRequest(ProtocolKryo.VERSION + 1, PeerRole.NODE, "n",
        new byte[32], new byte[32]));

    AuthResult result = server.readOutbound();
    assertThat(hello.version()).isEqualTo(ProtocolKryo.VERSION);
    assertThat(result.reason()).isEqualTo("protocol version " + (ProtocolKryo.VERSION + 1)
        + " is not supported; this queue speaks version " + ProtocolKryo.VERSION);
    assertThat(server.isOpen()).isFalse();
  }

  @Test
  void silentPeerIsClosedAfterTheHandshakeTimeout() {
    Framing.install(server.pipeline());
    server.pipeline().addLast(new ServerHandshakeHandler(Authkey.of("secret"),
        Duration.ofSeconds(3), Framing.DEFAULT_MAX_FRAME));
    server.pipeline().fireChannelActive();
    assertThat(server.isOpen()).isTrue();

    server.advanceTimeBy(3, TimeUnit.SECONDS);
    server.runScheduledPendingTasks();

    assertThat(server.isOpen()).isFalse();
  }

  @Test
  void authkeyNeverShowsInItsStringForm() {
    assertThat(Authkey.of("topsecret").toString()).doesNotContain("topsecret");
  }
}
