package io.impetus.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.Drain;
import io.impetus.core.protocol.DrainNode;
import io.impetus.core.protocol.Heartbeat;
import io.impetus.core.protocol.ListNodes;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.NodeList;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.StreamList;
import io.impetus.core.protocol.StreamStats;
import io.impetus.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A control peer (the DFS, an operator's tool) reads the node registry and drains nodes. */
class ControlTest {

  private final ManualClock clock = new ManualClock();
  private QueueServer queue;
  private Peer node;
  private Peer control;

  @BeforeEach
  void start() {
    queue = QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(Peer.KEY).clock(clock).leaseTimeout(Duration.ofSeconds(30)).build());
    node = Peer.node(queue, "n1");
    node.connection.call(rid -> new RegisterNode(rid, "n1", "host1", 4, "dev"),
        NodeRegistered.class).join();
    control = Peer.control(queue, "dfs");
  }

  @AfterEach
  void stop() {
    control.close();
    node.close();
    queue.close();
  }

  private NodeList listNodes() {
    return control.connection.call(ListNodes::new, NodeList.class).join();
  }

  @Test
  void theNodeListShowsEachNodesRegistrationLatestLoadAndLastHeartbeat() {
    long registered = clock.millis();
    assertThat(listNodes().nodes()).containsExactly(
        new NodeStatus("n1", "host1", 4, "dev", NodeLoad.idle(), registered, 0));
    NodeLoad busy = new NodeLoad(Map.of("s", 2), 1, 0.5, false);

    clock.advanceMillis(5_000);
    node.connection.call(rid -> new Heartbeat(rid, "n1", busy), Ack.class).join();

    assertThat(listNodes().nodes()).containsExactly(
        new NodeStatus("n1", "host1", 4, "dev", busy, registered + 5_000, 0));
  }

  @Test
  void drainingANodePassesTheGracePeriodToIt() {
    control.connection.call(rid -> new DrainNode(rid, "n1", 60_000), Ack.class).join();

    await().atMost(Duration.ofSeconds(10)).until(() -> !node.pushes.isEmpty());
    assertThat(node.pushes).containsExactly(new Drain(60_000));
  }

  @Test
  void drainingAnUnknownNodeFailsAndKeepsTheConnection() {
    assertThatThrownBy(() -> control.connection.call(rid -> new DrainNode(rid, "n2", 1_000),
        Ack.class).join())
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("no node n2 is registered");
    assertThat(listNodes().nodes()).hasSize(1);
  }

  @Test
  void aNodeMayNotListNodes() {
    node.connection.call(ListNodes::new, NodeList.class);

    await().atMost(Duration.ofSeconds(10)).until(() -> !node.connection.isOpen());
  }

  @Test
  void theStreamListShowsWhatEachStreamHoldsAndHasDone() {
    try (Peer client = Peer.client(queue, "s"); Peer worker = Peer.worker(queue, "n1/7")) {
      client.open("s", Map.of("mpps", "2"));
      client.submit("s", Peer.job("a", 0), Peer.job("b", 0), Peer.job("c", 0),
          Peer.job("later", 60_000));
      List<LeasedJob> leased = worker.lease("s", 2);
      LeasedJob done = leased.get(0);
      JobOutcome outcome = new JobOutcome(done.id(), done.epoch(), new byte[] {1}, null, 1_000,
          1_250, "n1", "7");
      worker.connection.call(rid -> new CompleteJobs(rid, "s", List.of(outcome)), Ack.class)
          .join();

      StreamList list = control.connection.call(ListStreams::new, StreamList.class).join();

      assertThat(list.atMillis()).isEqualTo(clock.millis());
      assertThat(list.streams()).containsExactly(new StreamStats("s", 1, 1, 1, 4, 1, 250,
          Map.of("mpps", "2")));
    }
  }

  @Test
  void aClientMayNotListStreams() {
    try (Peer client = Peer.client(queue, "s")) {
      client.connection.call(ListStreams::new, StreamList.class);

      await().atMost(Duration.ofSeconds(10)).until(() -> !client.connection.isOpen());
    }
  }
}
