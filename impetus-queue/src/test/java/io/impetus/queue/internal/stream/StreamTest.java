package io.impetus.queue.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.queue.internal.journal.Journal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamTest {

  private final ManualTime time = new ManualTime();
  private final RecordingClient client = new RecordingClient();
  private final RecordingWorker worker = new RecordingWorker("w1");
  private Stream stream;

  @BeforeEach
  void openStream() {
    stream = Stream.create("s", Map.of("maxattempts", "2"),
        new StreamContext(time, time, Journal.none(), 0));
    stream.attach(client);
  }

  private JobSpec aJob(String id, int priority) {
    return aJob(id, priority, 0);
  }

  private JobSpec aJob(String id, int priority, long delayMillis) {
    return new JobSpec(id, "pow", "a.B", "ff", new byte[0], priority, delayMillis, "stage1",
        time.millis(), Map.of());
  }

  private static JobOutcome ok(LeasedJob job) {
    return new JobOutcome(job.id(), job.epoch(), new byte[] {1}, null, 0, 0, "n", "w");
  }

  private List<String> leaseIds(int max) {
    stream.lease(worker, 1, max, 0);
    return worker.lastLease().stream().map(LeasedJob::id).toList();
  }

  @Test
  void lowerPriorityValueIsServedFirstAndEqualPrioritiesInForkOrder() {
    stream.submit(List.of(aJob("a", 5), aJob("b", 1), aJob("c", 5), aJob("d", -2),
        aJob("e", 1)));

    assertThat(leaseIds(10)).containsExactly("d", "b", "e", "a", "c");
  }

  @Test
  void resubmittedJobIdIsIgnored() {
    stream.submit(List.of(aJob("a", 0)));
    stream.submit(List.of(aJob("a", 0), aJob("b", 0)));

    assertThat(leaseIds(10)).containsExactly("a", "b");
    assertThat(stream.states()).hasSize(2);
  }

  @Test
  void parkedLeaseIsAnsweredAsSoonAsAJobArrives() {
    stream.lease(worker, 7, 4, 10_000);
    assertThat(worker.leases).isEmpty();

    stream.submit(List.of(aJob("a", 0)));

    assertThat(worker.leases).hasSize(1);
    assertThat(worker.lastLease()).extracting(LeasedJob::id).containsExactly("a");
  }

  @Test
  void parkedLeaseIsAnsweredEmptyWhenTheWaitRunsOut() {
    stream.lease(worker, 7, 4, 10_000);
    time.advance(9_999);
    assertThat(worker.leases).isEmpty();

    time.advance(1);

    assertThat(worker.leases).containsExactly(List.of());
  }

  @Test
  void delayedJobIsNotLeasedBeforeItsTimeAndWakesAParkedWorker() {
    stream.submit(List.of(aJob("later", 0, 5_000), aJob("now", 9)));
    assertThat(leaseIds(10)).containsExactly("now");

    stream.lease(worker, 2, 10, 60_000);
    time.advance(4_999);
    assertThat(worker.leases).hasSize(1);
    time.advance(1);

    assertThat(worker.lastLease()).extracting(LeasedJob::id).containsExactly("later");
  }

  @Test
  void completionIsPushedToTheOwnerAndForgottenOnAck() {
    stream.submit(List.of(aJob("a", 0)));
    stream.lease(worker, 1, 1, 0);

    stream.complete(worker, List.of(ok(worker.lastLease().get(0))));

    assertThat(client.results).extracting(r -> r.spec().id()).containsExactly("a");
    assertThat(stream.states()).containsEntry("a", JobState.FINISHED);
    stream.ack(List.of("a"));
    assertThat(stream.states()).isEmpty();
  }

  @Test
  void completionWithAStaleEpochIsDiscarded() {
    stream.submit(List.of(aJob("a", 0)));
    RecordingWorker first = new RecordingWorker("first");
    stream.lease(first, 1, 1, 0);
    LeasedJob stale = first.lastLease().get(0);
    stream.release(first);
    stream.lease(worker, 2, 1, 0);
    LeasedJob current = worker.lastLease().get(0);

    stream.complete(first, List.of(ok(stale)));
    assertThat(client.results).isEmpty();
    assertThat(stream.states()).containsEntry("a", JobState.PROCESSING);
    stream.complete(worker, List.of(ok(current)));

    assertThat(current.epoch()).isGreaterThan(stale.epoch());
    assertThat(current.attempt()).isEqualTo(2);
    assertThat(client.results).hasSize(1);
  }

  @Test
  void jobOfALostWorkerGoesBackAndFailsAfterMaxAttempts() {
    stream.submit(List.of(aJob("a", 0)));
    for (int attempt = 1; attempt <= 2; attempt++) {
      RecordingWorker doomed = new RecordingWorker("doomed" + attempt);
      stream.lease(doomed, 1, 1, 0);
      assertThat(doomed.lastLease()).hasSize(1);
      stream.release(doomed);
    }

    assertThat(client.results).hasSize(1);
    assertThat(client.results.get(0).outcome().error().error())
        .isEqualTo("worker lost after 2 attempts");
    assertThat(leaseIds(1)).isEmpty();
  }

  @Test
  void reattachedOwnerReceivesEveryUnacknowledgedResult() {
    stream.submit(List.of(aJob("a", 0), aJob("b", 0)));
    stream.lease(worker, 1, 2, 0);
    stream.detach(client);
    stream.complete(worker, worker.lastLease().stream().map(StreamTest::ok).toList());
    assertThat(client.results).isEmpty();

    RecordingClient returning = new RecordingClient();
    assertThat(stream.attach(returning)).isEqualTo(2);

    assertThat(returning.results).extracting(r -> r.spec().id())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void dataStoreKeepsValuesUntilRemovedOrClosed() {
    stream.put("k", new byte[] {1});
    stream.put("k", new byte[] {2});
    stream.put("other", new byte[] {3});

    assertThat(stream.get("k")).containsExactly(2);
    assertThat(stream.remove("k").value()).containsExactly(2);
    assertThat(stream.get("k")).isNull();
    stream.close();
    assertThat(stream.get("other")).isNull();
  }

  @Test
  void closingFailsParkedLeases() {
    stream.lease(worker, 3, 1, 10_000);

    stream.close();

    assertThat(worker.failures).containsExactly("stream s is closed");
  }

  @Test
  void backlogCountsWaitingAndRunningJobs() {
    stream.submit(List.of(aJob("a", 0), aJob("b", 0), aJob("c", 0, 1_000)));
    stream.lease(worker, 1, 1, 0);

    assertThat(stream.backlog().waiting()).isEqualTo(2);
    assertThat(stream.backlog().running()).isEqualTo(1);
  }
}
