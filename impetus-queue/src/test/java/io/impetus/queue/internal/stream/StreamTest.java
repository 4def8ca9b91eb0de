package io.impetus.queue.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.queue.LeaseOrder;
import io.impetus.queue.internal.journal.Journal;
import io.impetus.testing.Jobs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamTest {

  /** Where the epochs of the queue's second start begin, in the restart tests. */
  private static final long SECOND_START = 2L << 32;

  private final ManualTime time = new ManualTime();
  private final RecordingClient client = new RecordingClient();
  private final RecordingWorker worker = new RecordingWorker("n1/1");
  private final RecordingJournal journal = new RecordingJournal();
  private Stream stream;

  @BeforeEach
  void openStream() {
    stream = Stream.create("s", Map.of("maxattempts", "2"),
        new StreamContext(time, time, journal, 1L << 32));
    stream.attach(client);
  }

  /** The stream as a queue restarted on the journal would rebuild it, with a new owner. */
  private Stream restarted(RecordingClient owner) {
    Stream again = Stream.restore(journal.recover().streams().iterator().next(),
        new StreamContext(time, time, Journal.none(), SECOND_START));
    again.attach(owner);
    return again;
  }

  private static WorkerExited exited(String jobId, boolean atFault) {
    return new WorkerExited(1, "n1/1", jobId,
        "the worker exited with status 3 while running the job", "dump", atFault);
  }

  private static LeasedJob leaseOne(Stream from, RecordingWorker to) {
    from.lease(to, 1, 1, 0);
    return to.lastLease().get(0);
  }

  private JobSpec aJob(String id, int priority) {
    return aJob(id, priority, 0);
  }

  private JobSpec aJob(String id, int priority, long delayMillis) {
    return aJob(id, priority, delayMillis, Map.of());
  }

  private JobSpec aJob(String id, int priority, long delayMillis, Map<String, String> extra) {
    Jobs job = Jobs.aJob(id).args(new byte[0]).priority(priority).delay(delayMillis)
        .created(time.millis());
    extra.forEach(job::property);
    return job.build();
  }

  private JobSpec aJob(String id, int priority, JobLimits limits) {
    return Jobs.aJob(id).args(new byte[0]).priority(priority).created(time.millis())
        .limits(limits).build();
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
    time.advanceMillis(9_999);
    assertThat(worker.leases).isEmpty();

    time.advanceMillis(1);

    assertThat(worker.leases).containsExactly(List.of());
  }

  @Test
  void aNewJobGoesToAParkedWorkerOfTheNodeHoldingTheMostLeasesThenFirstComeFirstServed() {
    RecordingWorker idleNode = new RecordingWorker("n2/2");
    RecordingWorker busyNode = new RecordingWorker("n1/3");
    RecordingWorker alsoIdle = new RecordingWorker("n3/4");
    stream.submit(List.of(aJob("running", 0)));
    leaseOne(stream, worker);
    stream.lease(idleNode, 2, 1, 60_000);
    stream.lease(busyNode, 3, 1, 60_000);
    stream.lease(alsoIdle, 4, 1, 60_000);

    stream.submit(List.of(aJob("next", 0)));
    stream.submit(List.of(aJob("last", 0)));

    assertThat(busyNode.lastLease()).extracting(LeasedJob::id).containsExactly("next");
    assertThat(idleNode.lastLease()).extracting(LeasedJob::id).containsExactly("last");
    assertThat(alsoIdle.leases).isEmpty();
  }

  @Test
  void withFifoOrderANewJobGoesToTheLongestParkedWorkerWhateverItsNode() {
    Stream fifo = Stream.create("f", Map.of(),
        new StreamContext(time, time, Journal.none(), 0, LeaseOrder.FIFO));
    fifo.attach(client);
    RecordingWorker idleNode = new RecordingWorker("n2/2");
    RecordingWorker busyNode = new RecordingWorker("n1/3");
    fifo.submit(List.of(aJob("running", 0)));
    leaseOne(fifo, worker);
    fifo.lease(idleNode, 2, 1, 60_000);
    fifo.lease(busyNode, 3, 1, 60_000);

    fifo.submit(List.of(aJob("next", 0)));

    assertThat(idleNode.lastLease()).extracting(LeasedJob::id).containsExactly("next");
    assertThat(busyNode.leases).isEmpty();
  }

  @Test
  void delayedJobIsNotLeasedBeforeItsTimeAndWakesAParkedWorker() {
    stream.submit(List.of(aJob("later", 0, 5_000), aJob("now", 9)));
    assertThat(leaseIds(10)).containsExactly("now");

    stream.lease(worker, 2, 10, 60_000);
    time.advanceMillis(4_999);
    assertThat(worker.leases).hasSize(1);
    time.advanceMillis(1);

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
  void jobsOwnMaxAttemptsOverridesTheStreams() {
    stream.submit(List.of(aJob("once", 0, new JobLimits(0, 1)),
        aJob("thrice", 1, new JobLimits(0, 3)), aJob("inherited", 2, JobLimits.STREAMS)));
    for (int round = 1; round <= 3; round++) {
      RecordingWorker doomed = new RecordingWorker("doomed" + round);
      stream.lease(doomed, 1, 3, 0);
      stream.release(doomed);
    }

    assertThat(client.results)
        .extracting(r -> r.spec().id(), r -> r.outcome().error().error())
        .containsExactly(tuple("once", "worker lost after 1 attempts"),
            tuple("inherited", "worker lost after 2 attempts"),
            tuple("thrice", "worker lost after 3 attempts"));
  }

  @Test
  void reportedExitOfAJobWithItsOwnMaxAttemptsNamesThatLimit() {
    stream.submit(List.of(aJob("a", 0, new JobLimits(0, 1))));
    stream.lease(worker, 1, 1, 0);

    stream.release(worker, exited("a", true));

    assertThat(client.results).singleElement()
        .extracting(r -> r.outcome().error().error())
        .isEqualTo("the worker exited with status 3 while running the job (attempt 1 of 1)");
  }

  @Test
  void reattachedOwnerReceivesEveryUnacknowledgedResult() {
    stream.submit(List.of(aJob("a", 0), aJob("b", 0)));
    stream.lease(worker, 1, 2, 0);
    stream.detach(client);
    stream.complete(worker, worker.lastLease().stream().map(StreamTest::ok).toList());
    assertThat(client.results).isEmpty();

    RecordingClient returning = new RecordingClient();
    assertThat(stream.attach(returning)).containsExactlyInAnyOrder("a", "b");

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

  @Test
  void reportedExitCountsTheAttemptOfTheRunningJobAtFaultOnly() {
    stream.submit(List.of(aJob("running", 0), aJob("next", 0)));
    stream.lease(worker, 1, 2, 0);

    stream.release(worker, exited("running", true));

    stream.lease(worker, 2, 2, 0);
    assertThat(worker.lastLease()).extracting(LeasedJob::id, LeasedJob::attempt)
        .containsExactly(tuple("running", 2), tuple("next", 1));
  }

  @Test
  void reportedExitNotAtFaultGivesBackTheRunningJobsAttempt() {
    stream.submit(List.of(aJob("running", 0)));
    stream.lease(worker, 1, 1, 0);

    stream.release(worker, exited("running", false));

    assertThat(leaseOne(stream, worker).attempt()).isEqualTo(1);
  }

  @Test
  void jobAtFaultOnItsLastAttemptEndsWithTheReportsCauseAndDetail() {
    stream.submit(List.of(aJob("a", 0)));
    for (int attempt = 1; attempt <= 2; attempt++) {
      stream.lease(worker, attempt, 1, 0);
      stream.release(worker, exited("a", true));
    }

    assertThat(client.results).singleElement().satisfies(result -> {
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.outcome().worker()).isEqualTo("n1/1");
      assertThat(result.outcome().node()).isEqualTo("n1");
      assertThat(result.outcome().error()).isEqualTo(new ErrorInfo(
          "the worker exited with status 3 while running the job (attempt 2 of 2)", "pow", -1,
          "", "io.impetus.WorkerLost", "dump"));
    });
    assertThat(leaseIds(1)).isEmpty();
  }

  @Test
  void jobsReturnedUncountedMayBeLeasedBeyondMaxAttempts() {
    stream.submit(List.of(aJob("a", 0)));
    for (int attempt = 1; attempt <= 3; attempt++) {
      stream.lease(worker, attempt, 1, 0);
      stream.release(worker, exited(null, false));
    }

    assertThat(client.results).isEmpty();
    assertThat(leaseOne(stream, worker).attempt()).isEqualTo(1);
  }

  @Test
  void recoveryRebuildsTheAttemptsAReportGaveBack() {
    stream.submit(List.of(aJob("blamed", 0), aJob("spared", 0)));
    stream.lease(worker, 1, 2, 0);
    stream.release(worker, exited("blamed", true));

    Stream again = restarted(new RecordingClient());
    again.lease(worker, 2, 2, 0);
    assertThat(worker.lastLease()).extracting(LeasedJob::id, LeasedJob::attempt)
        .containsExactly(tuple("blamed", 2), tuple("spared", 1));
  }

  @Test
  void lateCompletionOfATakenBackJobFinishesItOnce() {
    stream.submit(List.of(aJob("a", 0)));
    LeasedJob leased = leaseOne(stream, worker);
    stream.release(worker);

    stream.complete(worker, List.of(ok(leased)));
    stream.complete(worker, List.of(ok(leased)));

    assertThat(client.results).singleElement().satisfies(result -> {
      assertThat(result.spec().id()).isEqualTo("a");
      assertThat(result.attempts()).isEqualTo(1);
    });
    assertThat(stream.states()).containsEntry("a", JobState.FINISHED);
    assertThat(stream.backlog().waiting()).isZero();
    assertThat(leaseIds(1)).isEmpty();
    assertThat(restarted(new RecordingClient()).states()).containsEntry("a", JobState.FINISHED);
  }

  @Test
  void lateCompletionOfAJobGivenBackUncountedCountsItsAttempt() {
    stream.submit(List.of(aJob("a", 0)));
    LeasedJob leased = leaseOne(stream, worker);
    stream.release(worker, exited(null, false));

    stream.complete(worker, List.of(ok(leased)));

    assertThat(client.results).extracting(JobResult::attempts).containsExactly(1);
  }

  @Test
  void lateCompletionIsStaleOnceTheJobWasLeasedAgain() {
    stream.submit(List.of(aJob("a", 0)));
    LeasedJob first = leaseOne(stream, worker);
    stream.release(worker);
    RecordingWorker other = new RecordingWorker("n1/2");
    LeasedJob second = leaseOne(stream, other);
    stream.release(other, exited(null, false));

    stream.complete(worker, List.of(ok(first)));
    assertThat(client.results).isEmpty();
    stream.complete(other, List.of(ok(second)));

    assertThat(client.results).extracting(r -> r.outcome().epoch(), JobResult::attempts)
        .containsExactly(tuple(second.epoch(), 2));
  }

  @Test
  void completionFromBeforeARestartFinishesTheJobUntilItIsLeasedAgain() {
    stream.submit(List.of(aJob("early", 0), aJob("late", 0)));
    stream.lease(worker, 1, 2, 0);
    LeasedJob early = worker.lastLease().get(0);
    LeasedJob late = worker.lastLease().get(1);
    RecordingClient owner = new RecordingClient();
    Stream again = restarted(owner);

    again.complete(worker, List.of(ok(early)));
    RecordingWorker fresh = new RecordingWorker("n1/3");
    LeasedJob current = leaseOne(again, fresh);
    again.complete(worker, List.of(ok(late)));
    assertThat(owner.results).extracting(r -> r.spec().id()).containsExactly("early");
    again.complete(fresh, List.of(ok(current)));

    assertThat(early.epoch()).isLessThan(SECOND_START);
    assertThat(current.epoch()).isGreaterThan(SECOND_START);
    assertThat(owner.results).extracting(r -> r.spec().id(), JobResult::attempts)
        .containsExactly(tuple("early", 1), tuple("late", 1));
  }

  @Test
  void completionOfAJobNotLeasedSinceItWasSubmittedIsStale() {
    stream.submit(List.of(aJob("a", 0)));

    stream.complete(worker, List.of(new JobOutcome("a", 0, new byte[] {1}, null, 0, 0, "n",
        "w")));
    stream.complete(worker, List.of(new JobOutcome("a", 1, new byte[] {1}, null, 0, 0, "n",
        "w")));

    assertThat(client.results).isEmpty();
    assertThat(stream.states()).containsEntry("a", JobState.WAITING);
  }

  @Test
  void leasedJobCarriesItsOwnTimeLimitElseTheStreamsElseNone() {
    Stream limited = Stream.create("t", Map.of("timelimit", "7"),
        new StreamContext(time, time, Journal.none(), 0));
    limited.submit(List.of(aJob("own", 0, new JobLimits(2_000, 0)), aJob("inherited", 1)));
    stream.submit(List.of(aJob("unlimited", 0)));

    limited.lease(worker, 1, 2, 0);
    assertThat(worker.lastLease()).extracting(LeasedJob::id, LeasedJob::timeLimitMillis)
        .containsExactly(tuple("own", 2_000L), tuple("inherited", 7_000L));
    assertThat(leaseOne(stream, worker).timeLimitMillis()).isZero();
  }
}
