package io.impetus.queue;

import static io.impetus.queue.Peer.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.Heartbeat;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases over real connections: they expire without signs of life, node heartbeats renew them,
 * a node's report of a dead worker releases them at once, and a completion under a lease that
 * was taken back and given to another worker is discarded. {@code WorkerEndTest} covers how a
 * worker's close and its node's report meet.
 */
class LeaseTest {

  private final ManualClock clock = new ManualClock();
  private QueueServer queue;
  private Peer client;

  @BeforeEach
  void start() {
    queue = QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(Peer.KEY).clock(clock).leaseTimeout(Duration.ofSeconds(30)).build());
    client = Peer.client(queue, "s");
    client.open("s", Map.of());
    client.submit("s", job("a", 0));
  }

  @AfterEach
  void stop() {
    client.close();
    queue.close();
  }

  /** Leases for {@code worker} until it gets a job; each attempt is a sign of life. */
  private static LeasedJob leaseEventually(Peer worker) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> worker.lease("s", 1),
        jobs -> !jobs.isEmpty()).get(0);
  }

  @Test
  void completionUnderAnExpiredLeaseIsDiscardedAndTheJobIsRecordedOnce() {
    try (Peer ghost = Peer.worker(queue, "gone/1"); Peer other = Peer.worker(queue, "n/2")) {
      LeasedJob stale = ghost.lease("s", 1).get(0);
      assertThat(other.lease("s", 1)).isEmpty();

      clock.advanceMillis(30_001);
      LeasedJob current = leaseEventually(other);
      ghost.complete("s", stale);
      other.complete("s", current);

      assertThat(current.epoch()).isGreaterThan(stale.epoch());
      assertThat(current.attempt()).isEqualTo(2);
      await().until(() -> !client.results.isEmpty());
      assertThat(client.results).singleElement().satisfies(result -> {
        assertThat(result.outcome().worker()).isEqualTo("n/2");
        assertThat(result.attempts()).isEqualTo(2);
      });
    }
  }

  @Test
  void heartbeatsOfItsNodeKeepAWorkersLeaseUntilTheNodeFallsSilent() {
    try (Peer node = Peer.node(queue, "n1"); Peer busy = Peer.worker(queue, "n1/5");
        Peer other = Peer.worker(queue, "n2/6")) {
      NodeRegistered registered = node.connection.call(
          rid -> new RegisterNode(rid, "n1", "host", 4, "dev"), NodeRegistered.class).join();
      assertThat(registered.heartbeatMillis()).isEqualTo(10_000);
      LeasedJob held = busy.lease("s", 1).get(0);

      for (int beat = 0; beat < 5; beat++) {
        clock.advanceMillis(20_000);
        node.connection.call(rid -> new Heartbeat(rid, "n1", NodeLoad.idle()), Ack.class).join();
      }
      assertThat(other.lease("s", 1)).isEmpty();

      clock.advanceMillis(30_001);
      await().atMost(Duration.ofSeconds(10)).until(() -> !node.connection.isOpen());
      assertThat(leaseEventually(other).id()).isEqualTo(held.id());
    }
  }

  @Test
  void aWorkerReportedDeadByItsNodeLosesItsLeasesAtOnce() {
    try (Peer node = Peer.node(queue, "n1"); Peer doomed = Peer.worker(queue, "n1/7");
        Peer other = Peer.worker(queue, "n2/8")) {
      node.connection.call(rid -> new RegisterNode(rid, "n1", "host", 4, "dev"),
          NodeRegistered.class).join();
      LeasedJob lost = doomed.lease("s", 1).get(0);

      node.connection.call(rid -> new WorkerExited(rid, "n1/7", lost.id(), "exited", "", true),
          Ack.class).join();

      List<LeasedJob> again = other.lease("s", 1);
      assertThat(again).singleElement().satisfies(job -> {
        assertThat(job.id()).isEqualTo(lost.id());
        assertThat(job.attempt()).as("the job was at fault").isEqualTo(2);
      });
    }
  }

  @Test
  void aNodeCannotReportAnotherNodesWorker() {
    try (Peer node = Peer.node(queue, "n1")) {
      node.connection.call(rid -> new RegisterNode(rid, "n1", "host", 4, "dev"),
          NodeRegistered.class).join();

      assertThatThrownBy(() -> node.connection.call(
          rid -> new WorkerExited(rid, "n2/7", null, "exited", "", false), Ack.class).join())
          .isInstanceOf(CompletionException.class)
          .hasMessageContaining("node n1 cannot report on worker n2/7");
    }
  }
}
