package io.impetus.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.StreamStats;
import io.impetus.dfs.internal.policy.StartupTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SignalsBuilder}: what the DFS loop reads, turned into a policy's signals. */
class SignalsBuilderTest {

  private final SignalsBuilder builder =
      new SignalsBuilder(Duration.ofSeconds(60), Duration.ofSeconds(30));

  private static NodeStatus registered(String id, int running, boolean draining, long seen) {
    return new NodeStatus(id, "host", 8, "v", new NodeLoad(Map.of(), running, -1, draining),
        seen, running);
  }

  private static NodeSignals node(ClusterSignals signals, String id) {
    return signals.nodes().stream().filter(n -> n.nodeId().equals(id)).findFirst()
        .orElseThrow();
  }

  @Test
  void aLaunchedNodeBootsUntilItRegistersAndItsStartUpIsMeasured() {
    List<LaunchedNode> launched = List.of(new LaunchedNode("n1", 1000, 8));

    ClusterSignals booting = builder.build(2000, List.of(), List.of(), launched);
    assertThat(booting.nodes()).containsExactly(
        new NodeSignals("n1", NodeState.BOOTING, 8, 0, 1000, 1000, 1000));
    assertThat(booting.nodeStartup()).isEqualTo(Duration.ofSeconds(30));

    ClusterSignals ready = builder.build(13_000, List.of(),
        List.of(registered("n1", 0, false, 12_500)), launched);
    assertThat(ready.nodes()).containsExactly(
        new NodeSignals("n1", NodeState.READY, 8, 0, 1000, 13_000, 12_500));
    assertThat(ready.nodeStartup()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void lastActivityIsTheLastTickWithARunningJob() {
    builder.build(1000, List.of(), List.of(registered("n", 0, false, 1000)), List.of());
    builder.build(2000, List.of(), List.of(registered("n", 3, false, 2000)), List.of());
    ClusterSignals idle = builder.build(9000, List.of(),
        List.of(registered("n", 0, false, 9000)), List.of());

    assertThat(node(idle, "n").lastActiveMillis()).isEqualTo(2000);
    assertThat(node(idle, "n").idleMillis(9000)).isEqualTo(7000);
    assertThat(node(idle, "n").launchedMillis()).isEqualTo(1000); // not ours: first seen
  }

  @Test
  void aNodeTheDfsDrainedIsDrainingBeforeItsHeartbeatSaysSo() {
    builder.build(1000, List.of(), List.of(registered("n", 0, false, 1000)), List.of());
    builder.draining("n");

    ClusterSignals signals = builder.build(2000, List.of(),
        List.of(registered("n", 0, false, 1000)), List.of());

    assertThat(node(signals, "n").state()).isEqualTo(NodeState.DRAINING);
    assertThat(node(builder.build(3000, List.of(), List.of(registered("m", 0, true, 3000)),
        List.of()), "m").state()).isEqualTo(NodeState.DRAINING);
  }

  @Test
  void aNodeThatLeftIsGoneEvenIfStillListedAsLaunched() {
    List<LaunchedNode> launched = List.of(new LaunchedNode("n1", 0, 8));
    builder.build(5000, List.of(), List.of(registered("n1", 0, false, 5000)), launched);

    assertThat(builder.build(6000, List.of(), List.of(), launched).nodes()).isEmpty();
  }

  @Test
  void streamsGetRatesFromTheirCounters() {
    builder.build(0, List.of(new StreamCounters("s", 5, 0, 0, 0, 0, 0)), List.of(), List.of());
    ClusterSignals signals = builder.build(10_000,
        List.of(new StreamCounters("s", 5, 4, 20, 10, 30_000, 3)), List.of(), List.of());

    assertThat(signals.streams()).containsExactly(
        new StreamSignals("s", 5, 4, 2.0, 1.0, 3.0, 3));
  }

  @Test
  void countersTakeTheStreamsMppsAsItsPerNodeLimit() {
    StreamStats stats = new StreamStats("s", 7, 4, 2, 10, 1, 500,
        Map.of("mpps", "3", "user", "x"));

    assertThat(StreamCounters.of(stats))
        .isEqualTo(new StreamCounters("s", 7, 2, 10, 1, 500, 3));
    assertThat(StreamCounters.of(new StreamStats("t", 0, 0, 0, 0, 0, 0, Map.of("mpps", "x")))
        .slotsPerNode()).isZero();
  }

  @Test
  void startUpIsTheMeanOfTheLastTenMeasured() {
    StartupTracker tracker = new StartupTracker(Duration.ofSeconds(30));
    for (int i = 1; i <= 12; i++) {
      tracker.registered(0, i * 1000L);
    }

    assertThat(tracker.estimate()).isEqualTo(Duration.ofMillis(7500)); // mean of 3..12 s
  }
}
