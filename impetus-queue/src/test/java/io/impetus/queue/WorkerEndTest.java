package io.impetus.queue;

import static io.impetus.queue.Peer.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.testing.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a worker's end is settled over real connections: its node's report decides the blame
 * whether it arrives before or after the worker's connection closes, a worker reported ended may
 * do nothing more, a worker closed without a report is lost when its node goes, and a worker that
 * lost its connection delivers what it finished when it comes back.
 */
class WorkerEndTest {

  private final ManualClock clock = new ManualClock();
  private QueueServer queue;
  private Peer client;
  private Peer node;

  @BeforeEach
  void start() {
    queue = QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(Peer.KEY).clock(clock).leaseTimeout(Duration.ofSeconds(30)).build());
    client = Peer.client(queue, "s");
    client.open("s", Map.of());
    client.submit("s", job("a", 0));
    node = Peer.node(queue, "n1");
    node.connection.call(rid -> new RegisterNode(rid, "n1", "host", 4, "dev"),
        NodeRegistered.class).join();
  }

  @AfterEach
  void stop() {
    node.close();
    client.close();
    queue.close();
  }

  private void report(String workerId, String jobId, boolean atFault) {
    node.connection.call(rid -> new WorkerExited(rid, workerId, jobId,
        "the worker exited with status 3", "", atFault), Ack.class).join();
  }

  /** Leases for {@code worker} until it gets a job; each attempt is a sign of life. */
  private static LeasedJob leaseEventually(Peer worker) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> worker.lease("s", 1),
        jobs -> !jobs.isEmpty()).get(0);
  }

  @Test
  void aReportAfterTheWorkersConnectionClosedStillDecidesTheBlame() {
    Peer doomed = Peer.worker(queue, "n1/7");
    LeasedJob held = doomed.lease("s", 1).get(0);
    doomed.close();
    doomed.connection.closeFuture().join();

    report("n1/7", held.id(), false);

    try (Peer other = Peer.worker(queue, "n2/8")) {
      assertThat(other.lease("s", 1)).singleElement().satisfies(job -> {
        assertThat(job.id()).isEqualTo(held.id());
        assertThat(job.attempt()).as("not at fault: uncounted").isEqualTo(1);
      });
    }
  }

  @Test
  void aWorkerReportedEndedWhileConnectedMayCompleteNothingMore() {
    try (Peer doomed = Peer.worker(queue, "n1/7"); Peer other = Peer.worker(queue, "n2/8")) {
      LeasedJob held = doomed.lease("s", 1).get(0);

      report("n1/7", held.id(), true);

      assertThatThrownBy(() -> doomed.complete("s", held))
          .isInstanceOf(CompletionException.class)
          .hasMessageContaining("worker n1/7 was reported ended by its node");
      LeasedJob again = other.lease("s", 1).get(0);
      assertThat(again.attempt()).as("at fault: counted").isEqualTo(2);
      other.complete("s", again);
      await().until(() -> !client.results.isEmpty());
      assertThat(client.results).singleElement()
          .satisfies(result -> assertThat(result.outcome().worker()).isEqualTo("n2/8"));
    }
  }

  @Test
  void aWorkerClosedWithoutAReportIsLostWhenItsNodeDisconnects() {
    Peer doomed = Peer.worker(queue, "n1/7");
    LeasedJob held = doomed.lease("s", 1).get(0);
    doomed.close();

    node.close();

    try (Peer other = Peer.worker(queue, "n2/8")) {
      LeasedJob again = leaseEventually(other);
      assertThat(again.id()).isEqualTo(held.id());
      assertThat(again.attempt()).as("lost without a report: counted").isEqualTo(2);
    }
  }

  @Test
  void aWorkerThatReconnectsDeliversWhatItFinishedUnderItsOldLease() {
    LeasedJob held;
    try (Peer dropped = Peer.worker(queue, "n9/1")) {
      held = dropped.lease("s", 1).get(0);
    }

    try (Peer back = Peer.worker(queue, "n9/1")) {
      back.complete("s", held);
      await().until(() -> !client.results.isEmpty());

      assertThat(client.results).singleElement().satisfies(result -> {
        assertThat(result.spec().id()).isEqualTo(held.id());
        assertThat(result.outcome().epoch()).isEqualTo(held.epoch());
        assertThat(result.attempts()).isEqualTo(1);
      });
      assertThat(back.lease("s", 1)).isEmpty();
      assertThat(queue.backlog("s").orElseThrow().waiting()).isZero();
    }
  }
}
