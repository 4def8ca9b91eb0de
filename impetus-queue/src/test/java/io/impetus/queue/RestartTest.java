package io.impetus.queue;

import static io.impetus.queue.Peer.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
import io.impetus.core.protocol.CloseStream;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a queue with a data directory keeps across a restart. */
class RestartTest {

  @TempDir Path data;
  private final ManualClock clock = new ManualClock();

  private QueueServer start() {
    return QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(Peer.KEY).clock(clock).data(data).build());
  }

  @Test
  void jobsResultsDataAndDelaysSurviveARestart() {
    long firstEpoch;
    try (QueueServer queue = start(); Peer client = Peer.client(queue, "s");
        Peer worker = Peer.worker(queue, "n/1")) {
      client.open("s", Map.of("maxattempts", "1"));
      client.submit("s", job("done", 0), job("acked", 0), job("running", 0),
          job("later", 60_000));
      client.connection.call(rid -> new PutData(rid, "s", "k", new byte[] {4, 2}), Ack.class)
          .join();
      List<LeasedJob> leased = worker.lease("s", 3);
      firstEpoch = leased.get(0).epoch();
      worker.complete("s", leased.get(0));
      worker.complete("s", leased.get(1));
      await().until(() -> client.results.size() == 2);
      client.connection.call(rid -> new AckResults(rid, "s", List.of("acked")), Ack.class)
          .join();
      queue.close();
    }

    try (QueueServer queue = start(); Peer client = Peer.client(queue, "s");
        Peer worker = Peer.worker(queue, "n/2")) {
      StreamOpened opened = client.open("s", Map.of());

      assertThat(opened.existed()).isTrue();
      assertThat(opened.unfinished()).containsExactlyInAnyOrder("done", "running", "later");
      await().until(() -> !client.results.isEmpty());
      assertThat(client.results).extracting(result -> result.spec().id())
          .containsExactly("done");
      DataValue value = client.connection.call(rid -> new GetData(rid, "s", "k"),
          DataValue.class).join();
      assertThat(value.value()).containsExactly(4, 2);

      List<LeasedJob> again = worker.lease("s", 10);
      assertThat(again).singleElement().satisfies(job -> {
        assertThat(job.id()).isEqualTo("running");
        assertThat(job.attempt()).as("a queue restart costs no attempt").isEqualTo(1);
        assertThat(job.epoch()).as("epochs are never reused").isGreaterThan(firstEpoch);
      });
      clock.advanceMillis(59_999);
      assertThat(worker.lease("s", 10)).as("a delayed job never starts early").isEmpty();
      clock.advanceMillis(1);
      assertThat(worker.lease("s", 10)).extracting(LeasedJob::id).containsExactly("later");
    }
  }

  @Test
  void aWorkerFromBeforeARestartDeliversWhatItFinished() {
    LeasedJob held;
    try (QueueServer queue = start(); Peer client = Peer.client(queue, "s");
        Peer worker = Peer.worker(queue, "n/1")) {
      client.open("s", Map.of());
      client.submit("s", job("a", 0));
      held = worker.lease("s", 1).get(0);
      queue.close();
    }

    try (QueueServer queue = start(); Peer client = Peer.client(queue, "s");
        Peer worker = Peer.worker(queue, "n/1")) {
      client.open("s", Map.of());
      worker.complete("s", held);

      await().until(() -> !client.results.isEmpty());
      assertThat(client.results).singleElement().satisfies(result -> {
        assertThat(result.spec().id()).isEqualTo("a");
        assertThat(result.attempts()).isEqualTo(1);
      });
      assertThat(worker.lease("s", 1)).isEmpty();
    }
  }

  @Test
  void aDeletedStreamStaysDeleted() {
    try (QueueServer queue = start(); Peer client = Peer.client(queue, "s")) {
      client.open("s", Map.of());
      client.submit("s", job("a", 0));
      client.connection.call(rid -> new CloseStream(rid, "s"),
          Ack.class).join();
    }

    try (QueueServer queue = start()) {
      assertThat(queue.streamIds()).isEmpty();
    }
  }

  @Test
  void aSecondQueueOnTheSameDataDirectoryIsRefused() {
    try (QueueServer queue = start()) {
      assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
          .hasMessage("another queue is using the data directory " + data.toAbsolutePath());
    }
  }

  @Test
  void streamsWhoseClientNeverCameBackExpireAfterTheRetention() {
    QueueConfig config = QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(Peer.KEY).clock(clock).data(data).retention(Duration.ofHours(1)).build();
    try (QueueServer queue = QueueServer.start(config)) {
      try (Peer client = Peer.client(queue, "gone")) {
        client.open("gone", Map.of());
        client.submit("gone", job("a", 0));
      }
      try (Peer client = Peer.client(queue, "here")) {
        client.open("here", Map.of());
        clock.advanceMillis(Duration.ofHours(1).toMillis() + 1);

        await().atMost(Duration.ofSeconds(10))
            .until(() -> queue.streamIds().equals(List.of("here")));
      }
    }
    try (QueueServer queue = start()) {
      assertThat(queue.streamIds()).containsExactly("here");
    }
  }

}
