package io.impetus.queue.internal.stream;

import static io.impetus.testing.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.queue.internal.journal.Journal;
import io.impetus.queue.internal.journal.StateImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a worker's close, its node's report of its end, its node's departure and the lease timeout
 * meet, and what the node registry keeps, with time driven by hand.
 */
class QueueStateTest {

  private static final long TIMEOUT = 30_000;

  private final ManualTime time = new ManualTime();
  private final RecordingNode node = new RecordingNode();
  private final RecordingWorker doomed = new RecordingWorker("n1/1");
  private final RecordingWorker other = new RecordingWorker("n2/2");
  private QueueState state;
  private Stream stream;

  @BeforeEach
  void start() {
    state = new QueueState(new StateImage(), new StreamContext(time, time, Journal.none(), 0),
        new BundleStore(null), Duration.ofMillis(TIMEOUT), Duration.ofDays(1));
    stream = state.open("s", Map.of()).stream();
    stream.submit(List.of(aJob("a").build()));
    state.nodes().register(node, new RegisterNode(1, "n1", "host", 4, "dev"));
  }

  /** The worker asks for a job, as it would over its connection. */
  private LeasedJob lease(RecordingWorker worker) {
    state.leases().renew(worker);
    stream.lease(worker, 1, 1, 0);
    return worker.lastLease().isEmpty() ? null : worker.lastLease().get(0);
  }

  private static WorkerExited exited(String jobId, boolean atFault) {
    return new WorkerExited(1, "n1/1", jobId, "the worker exited with status 3", "", atFault);
  }

  @Test
  void aClosedWorkersLeasesWaitForItsNodesReportAndTakeItsBlame() {
    LeasedJob held = lease(doomed);

    state.workerClosed(doomed);
    assertThat(stream.states()).containsEntry("a", JobState.PROCESSING);
    state.workerExited(exited(held.id(), false));

    assertThat(lease(other).attempt()).as("not at fault: uncounted").isEqualTo(1);
  }

  @Test
  void aReportWhileConnectedReleasesAtOnceAndTheCloseFindsNothing() {
    LeasedJob held = lease(doomed);

    state.workerExited(exited(held.id(), true));
    assertThat(state.leases().hasExited(doomed)).isTrue();
    LeasedJob again = lease(other);
    state.workerClosed(doomed);
    time.advanceMillis(TIMEOUT + 1);
    state.leases().renew(other);
    state.sweep();

    assertThat(again.attempt()).as("at fault: counted").isEqualTo(2);
    assertThat(state.leases().hasExited(doomed)).isFalse();
    assertThat(stream.states()).containsEntry("a", JobState.PROCESSING);
  }

  @Test
  void aSecondReportOnTheSameWorkerChangesNothing() {
    LeasedJob held = lease(doomed);
    state.workerExited(exited(held.id(), false));
    LeasedJob again = lease(other);

    state.workerExited(exited(held.id(), true));

    assertThat(again.attempt()).isEqualTo(1);
    assertThat(stream.states()).containsEntry("a", JobState.PROCESSING);
  }

  @Test
  void aClosedWorkerIsNotRenewedByHeartbeatsAndIsLostAfterTheLeaseTimeout() {
    lease(doomed);
    state.workerClosed(doomed);

    time.advanceMillis(TIMEOUT);
    state.nodes().heartbeat(node, NodeLoad.idle());
    state.leases().renewNode("n1");
    state.sweep();
    assertThat(stream.states()).containsEntry("a", JobState.PROCESSING);
    time.advanceMillis(1);
    state.sweep();

    assertThat(lease(other).attempt()).as("lost without a report: counted").isEqualTo(2);
  }

  @Test
  void aClosedWorkerIsLostWhenItsNodesConnectionCloses() {
    lease(doomed);
    state.workerClosed(doomed);

    state.nodeClosed(node, "n1");

    assertThat(lease(other).attempt()).isEqualTo(2);
  }

  @Test
  void aClosedWorkerIsLostWhenItsNodeIsDroppedAsSilent() {
    lease(doomed);
    state.workerClosed(doomed);

    time.advanceMillis(TIMEOUT + 1);
    state.leases().renew(other);
    state.sweep();

    assertThat(node.disconnected).isTrue();
    assertThat(state.nodes().isRegistered("n1")).isFalse();
    assertThat(lease(other).attempt()).isEqualTo(2);
  }

  @Test
  void aWorkerWhoseNodeIsNotRegisteredIsLostAtClose() {
    RecordingWorker orphan = new RecordingWorker("n9/1");
    lease(orphan);

    state.workerClosed(orphan);

    assertThat(lease(other).attempt()).isEqualTo(2);
  }

  @Test
  void closingDropsTheWorkersParkedLeaseRequests() {
    lease(other);
    state.leases().renew(doomed);
    stream.lease(doomed, 5, 1, 60_000);

    state.workerClosed(doomed);
    state.workerExited(exited(null, false));
    stream.submit(List.of(aJob("b").build()));

    assertThat(doomed.leases).isEmpty();
    assertThat(stream.states()).containsEntry("b", JobState.WAITING);
  }

  @Test
  void nothingIsReleasedWhileTheQueueShutsDown() {
    lease(doomed);
    state.shutDown();

    state.workerClosed(doomed);
    state.nodeClosed(node, "n1");
    state.workerExited(exited("a", true));

    assertThat(stream.states()).containsEntry("a", JobState.PROCESSING);
  }

  @Test
  void theRegistryKeepsEachNodesLatestLoadAndWhenItWasLastSeen() {
    assertThat(state.nodeStatuses()).containsExactly(
        new NodeStatus("n1", "host", 4, "dev", NodeLoad.idle(), time.millis(), 0));
    NodeLoad busy = new NodeLoad(Map.of("s", 3), 2, 1.5, false);

    time.advanceMillis(1_000);
    state.nodes().heartbeat(node, busy);

    assertThat(state.nodeStatuses()).containsExactly(
        new NodeStatus("n1", "host", 4, "dev", busy, time.millis(), 0));
    assertThat(state.nodes().links("n1")).containsExactly(node);
    assertThat(state.nodes().links("n2")).isEmpty();
  }

  @Test
  void aNodesStatusCountsTheJobsItsWorkersHoldNowNotAtItsLastHeartbeat() {
    LeasedJob held = lease(doomed);
    assertThat(state.nodeStatuses()).extracting(NodeStatus::leasedJobs).containsExactly(1);

    stream.complete(doomed, List.of(new JobOutcome(held.id(), held.epoch(), new byte[0], null, 0,
        1, "n1", "n1/1")));

    assertThat(state.nodeStatuses()).extracting(NodeStatus::leasedJobs).containsExactly(0);
  }

  @Test
  void nodesHearOfABacklogOnlyWhenJobsWait() {
    state.nodes().announce(new StreamBacklog("s", 0, 1, Map.of()));
    state.nodes().announce(new StreamBacklog("s", 2, 1, Map.of()));

    assertThat(node.backlogs).containsExactly(new StreamBacklog("s", 2, 1, Map.of()));
  }
}
