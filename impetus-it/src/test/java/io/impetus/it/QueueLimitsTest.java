package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.testing.RawPeer;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The limits a queue's configuration sets (handshake timeout, connection count) and what it
 * does with a message a peer's role may not send, on an embedded queue over loopback.
 */
class QueueLimitsTest {

  private static final Authkey KEY = Authkey.of("limits");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static QueueServer start(Duration handshakeTimeout, int maxConnections) {
    return QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(KEY).handshakeTimeout(handshakeTimeout).maxConnections(maxConnections).build());
  }

  private static PeerConnection client(QueueServer queue, String id) {
    return PeerConnection.open(queue.address(), KEY, PeerRole.CLIENT, id, push -> { });
  }

  @Test
  void silentPeerIsClosedAfterTheConfiguredHandshakeTimeout() {
    try (QueueServer queue = start(Duration.ofMillis(200), 10);
        RawPeer silent = RawPeer.connect(queue.address())) {
      assertThat(silent.read()).isInstanceOf(Hello.class);

      await().atMost(PATIENCE).until(silent::closedByServer);
    }
  }

  @Test
  void connectionsBeyondTheConfiguredLimitAreClosedUnreadUntilOneCloses() throws Exception {
    try (QueueServer queue = start(PATIENCE, 2);
        PeerConnection first = client(queue, "first");
        RawPeer second = RawPeer.connect(queue.address())) {
      assertThat(second.greeted()).isTrue();

      try (RawPeer third = RawPeer.connect(queue.address())) {
        assertThat(third.greeted()).as("third connection greeted").isFalse();
      }
      assertThat(first.call(rid -> new OpenStream(rid, "s", Map.of()), StreamOpened.class)
          .get(PATIENCE.toSeconds(), TimeUnit.SECONDS).existed()).isFalse();

      second.close();
      await().atMost(PATIENCE).ignoreExceptionsInstanceOf(PeerException.class)
          .until(() -> {
            try (PeerConnection later = client(queue, "later")) {
              return later.isOpen();
            }
          });
    }
  }

  @Test
  void messageTheRoleMayNotSendClosesOnlyThatConnectionWithALoggedReason() throws Exception {
    try (CapturedLog log = new CapturedLog();
        QueueServer queue = start(PATIENCE, 10);
        PeerConnection bystander = client(queue, "bystander");
        RawPeer worker = RawPeer.connect(queue.address())
            .authenticate(KEY, PeerRole.WORKER, "rogue")) {
      worker.send(RawPeer.frame(new OpenStream(1, "s", Map.of())));

      worker.readUntilClosed();
      assertThat(queue.streamIds()).isEmpty();
      assertThat(bystander.call(rid -> new OpenStream(rid, "s", Map.of()), StreamOpened.class)
          .get(PATIENCE.toSeconds(), TimeUnit.SECONDS).existed()).isFalse();
      assertThat(log.messages()).contains("closing /127.0.0.1:" + worker.localPort()
          + ": a worker may not send OpenStream");
    }
  }
}
