package io.impetus.dfs.policy;

import static io.impetus.dfs.policy.Signals.aCluster;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DefaultPolicy}: its rules, one test each, on hand-made signals. */
class DefaultPolicyTest {

  private static DefaultPolicy policy() {
    return new DefaultPolicy(DefaultPolicyConfig.defaults());
  }

  private static DefaultPolicy policy(DefaultPolicyConfig.Builder config) {
    return new DefaultPolicy(config.build());
  }

  private static List<String> drained(ScalingDecision decision) {
    return decision.drains().stream().map(ScalingDecision.Drain::nodeId).toList();
  }

  @Test
  void scalesOutOnABacklog() {
    // 100 jobs of 30 s to work off within 60 s: 50 workers, 7 nodes of 8.
    ScalingDecision decision = policy().decide(aCluster().at(10)
        .stream("s", 100, 0, 0, 30).build());

    assertThat(decision.start()).isEqualTo(7);
    assertThat(decision.desiredNodes()).isEqualTo(7);
    assertThat(decision.reason()).contains("s: 100 waiting").contains("start 7");
  }

  @Test
  void asksNoMoreThanOneWorkerPerWaitingJob() {
    ScalingDecision decision = policy().decide(aCluster().at(10)
        .stream("s", 3, 0, 0, 600).build());

    assertThat(decision.start()).isEqualTo(1);
  }

  @Test
  void countsBootingNodesAsCapacity() {
    ScalingDecision decision = policy().decide(aCluster().at(10)
        .stream("s", 100, 0, 0, 30)
        .booting("b1").booting("b2").booting("b3").booting("b4").booting("b5")
        .build());

    assertThat(decision.start()).isEqualTo(2);
  }

  @Test
  void startsNothingWhileEnoughNodesBoot() {
    Signals cluster = aCluster().at(10).stream("s", 100, 0, 0, 30);
    for (int i = 0; i < 7; i++) {
      cluster.booting("b" + i);
    }

    ScalingDecision decision = policy().decide(cluster.build());

    assertThat(decision.isHold()).isTrue();
    assertThat(decision.reason()).contains("7 booting");
  }

  @Test
  void startsNoNodeForABacklogTheClusterClearsBeforeANodeCouldBoot() {
    // 200 one-second jobs to clear within 10 s: 20 workers wanted, 16 there, which clear the
    // backlog in 12.5 s, before a node that boots in 30 s could help.
    DefaultPolicyConfig.Builder config = DefaultPolicyConfig.builder()
        .drainTarget(Duration.ofSeconds(10));
    Signals cluster = aCluster().at(100).stream("s", 200, 16, 0, 1)
        .ready("a", 8, 0).ready("b", 8, 0);

    assertThat(policy(config).decide(cluster.startup(30).build()).start()).isZero();
    assertThat(policy(config).decide(cluster.startup(5).build()).start()).isEqualTo(1);
  }

  @Test
  void keepsCapacityForAStreamThatKeepsUpWithAHighRate() {
    // 10 jobs/s of 2 s: 20 workers busy on average, though no job waits and the snapshot
    // happens to find every node idle.
    Signals cluster = aCluster().at(600).stream("s", 0, 0, 10, 2)
        .ready("a", 0, 120).ready("b", 0, 120).ready("c", 0, 120);

    ScalingDecision decision = policy().decide(cluster.build());

    assertThat(decision.isHold()).isTrue();
    assertThat(decision.desiredNodes()).isEqualTo(3);
  }

  @Test
  void scalesOutForThroughputAlone() {
    ScalingDecision decision = policy().decide(aCluster().at(600).stream("s", 0, 8, 10, 2)
        .ready("a", 8, 0).build());

    assertThat(decision.start()).isEqualTo(2);
  }

  @Test
  void drainsOnlyIdleNodesLongestIdleFirst() {
    Signals cluster = aCluster().at(600)
        .ready("busy", 3, 0).ready("recent", 0, 5).ready("oldest", 0, 300)
        .ready("older", 0, 100);

    ScalingDecision decision = policy().decide(cluster.build());

    assertThat(drained(decision)).containsExactly("oldest", "older", "recent");
    assertThat(decision.drains().get(0).reason()).isEqualTo("idle for 300 s");
  }

  @Test
  void neverDrainsANodeWithRunningJobsEvenWhenOverMaxNodes() {
    DefaultPolicyConfig.Builder config = DefaultPolicyConfig.builder().maxNodes(1);
    Signals cluster = aCluster().at(600).ready("a", 1, 0).ready("b", 2, 0).ready("c", 0, 50);

    ScalingDecision decision = policy(config).decide(cluster.build());

    assertThat(drained(decision)).containsExactly("c");
  }

  @Test
  void waitsForIdleTimeBeforeDraining() {
    DefaultPolicyConfig.Builder config = DefaultPolicyConfig.builder()
        .idleTime(Duration.ofSeconds(30));

    assertThat(policy(config).decide(aCluster().at(600).ready("a", 0, 29).build()).isHold())
        .isTrue();
    assertThat(drained(policy(config).decide(aCluster().at(600).ready("a", 0, 30).build())))
        .containsExactly("a");
  }

  @Test
  void drainsOnlyNodesWhoseLoadWasReportedRecently() {
    NodeSignals stale = new NodeSignals("stale", NodeState.READY, 8, 0, 0, 0, 597_000);
    NodeSignals fresh = new NodeSignals("fresh", NodeState.READY, 8, 0, 0, 0, 599_000);

    ScalingDecision decision = policy().decide(aCluster().at(600).node(stale).node(fresh)
        .build());

    assertThat(drained(decision)).containsExactly("fresh");
  }

  @Test
  void scalesToZeroWhenThereIsNothingToDo() {
    ScalingDecision decision = policy().decide(aCluster().at(600)
        .ready("a", 0, 60).ready("b", 0, 60).build());

    assertThat(drained(decision)).containsExactly("a", "b");
    assertThat(decision.desiredNodes()).isZero();
  }

  @Test
  void keepsMinNodesAndStartsUpToThem() {
    DefaultPolicyConfig.Builder config = DefaultPolicyConfig.builder().minNodes(2);

    assertThat(policy(config).decide(aCluster().at(600).build()).start()).isEqualTo(2);
    assertThat(drained(policy(config).decide(aCluster().at(600)
        .ready("a", 0, 60).ready("b", 0, 90).ready("c", 0, 30).build())))
        .containsExactly("b");
  }

  @Test
  void startsNoMoreThanMaxNodesCountingBootingAndDraining() {
    DefaultPolicyConfig.Builder config = DefaultPolicyConfig.builder().maxNodes(4);

    ScalingDecision decision = policy(config).decide(aCluster().at(600)
        .stream("s", 10_000, 0, 0, 60).ready("a", 8, 0).booting("b").draining("c", 2)
        .build());

    assertThat(decision.start()).isEqualTo(1);
    assertThat(decision.desiredNodes()).isEqualTo(4);
  }

  @Test
  void aStreamLimitedPerNodeAsksForMoreNodes() {
    // 10 workers wanted, but a node runs at most 2 of this stream's: 5 nodes, not 2.
    ScalingDecision decision = policy().decide(aCluster().at(600)
        .stream(new StreamSignals("s", 0, 0, 1, 1, 10, 2)).build());

    assertThat(decision.start()).isEqualTo(5);
  }

  @Test
  void sumsTheDemandOfAllStreams() {
    ScalingDecision decision = policy().decide(aCluster().at(600)
        .stream("a", 0, 0, 1, 12).stream("b", 0, 0, 2, 6).build());

    assertThat(decision.start()).isEqualTo(3); // 12 + 12 workers
    assertThat(decision.reason()).contains("a: ").contains("b: ");
  }

  @Test
  void assumesTheDefaultDurationUntilAJobHasFinished() {
    ScalingDecision decision = policy(DefaultPolicyConfig.builder()
        .defaultJobDuration(Duration.ofSeconds(60)))
        .decide(aCluster().at(600).stream("s", 16, 0, 0, 0).build());

    assertThat(decision.start()).isEqualTo(2);
  }

  @Test
  void scaleUpCooldownSpacesStarts() {
    DefaultPolicy policy = policy();
    List<Long> starts = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      // demand grows by one node's worth every second; nothing ever boots in this test
      ScalingDecision decision = policy.decide(aCluster().at(t)
          .stream("s", 0, 0, 8 * (t + 1), 1).build());
      if (decision.start() > 0) {
        starts.add((long) t);
      }
    }

    assertThat(starts).containsExactly(0L, 5L, 10L, 15L);
  }

  @Test
  void cooldownAndHysteresisStopThrashOnAnOscillatingSignal() {
    assertThat(scaleEvents(DefaultPolicyConfig.builder())).isEqualTo(3);
    // The same signal without cooldowns and hysteresis: it starts and drains all along.
    assertThat(scaleEvents(DefaultPolicyConfig.builder().scaleDownCooldown(Duration.ZERO)
        .scaleUpCooldown(Duration.ZERO).hysteresis(0))).isGreaterThan(30);
  }

  /**
   * Ten minutes of a stream whose rate flips between 2 jobs/s of 10 s (20 workers) and nothing
   * every 20 s, on a cluster whose nodes boot in 10 s and always look idle: the nodes started
   * plus the nodes drained.
   */
  private static int scaleEvents(DefaultPolicyConfig.Builder config) {
    DefaultPolicy policy = policy(config);
    List<long[]> nodes = new ArrayList<>(); // {id, launched}
    int events = 0;
    int next = 0;
    for (int t = 0; t < 600; t++) {
      Signals cluster = aCluster().at(t).startup(10);
      if ((t / 20) % 2 == 0) {
        cluster.stream("s", 0, 0, 2, 10);
      }
      for (long[] node : nodes) {
        if (t - node[1] < 10) {
          cluster.node(new NodeSignals("n" + node[0], NodeState.BOOTING, 8, 0, node[1] * 1000,
              node[1] * 1000, node[1] * 1000));
        } else {
          cluster.node(new NodeSignals("n" + node[0], NodeState.READY, 8, 0, node[1] * 1000,
              (node[1] + 10) * 1000, t * 1000L));
        }
      }
      ScalingDecision decision = policy.decide(cluster.build());
      for (ScalingDecision.Drain drain : decision.drains()) {
        nodes.removeIf(node -> ("n" + node[0]).equals(drain.nodeId()));
        events++;
      }
      for (int i = 0; i < decision.start(); i++) {
        nodes.add(new long[] {next++, t});
        events++;
      }
    }
    return events;
  }

  @Test
  void withBillingAwarenessRetiresIdleNodesOnlyNearTheEndOfTheirPaidHour() {
    DefaultPolicyConfig.Builder config = DefaultPolicyConfig.builder()
        .billingPeriod(Duration.ofHours(1)).retireWindow(Duration.ofMinutes(5));

    assertThat(drainedAt(config, 30 * 60)).isEmpty();
    assertThat(drainedAt(config, 54 * 60 + 59)).isEmpty();
    assertThat(drainedAt(config, 55 * 60)).containsExactly("a");
    assertThat(drainedAt(config, 60 * 60 + 120)).isEmpty();
    assertThat(drainedAt(config, 2 * 60 * 60 - 1)).containsExactly("a");
    assertThat(policy(config).decide(idleNodeLaunchedAtZero(55 * 60)).drains().get(0).reason())
        .isEqualTo("idle for 300 s, 300 s before its paid period ends");
  }

  @Test
  void withoutBillingAwarenessRetiresIdleNodesAtAnyTime() {
    assertThat(drainedAt(DefaultPolicyConfig.builder(), 30 * 60)).containsExactly("a");
  }

  private static List<String> drainedAt(DefaultPolicyConfig.Builder config, long seconds) {
    return drained(policy(config).decide(idleNodeLaunchedAtZero(seconds)));
  }

  private static ClusterSignals idleNodeLaunchedAtZero(long seconds) {
    long now = seconds * 1000;
    return aCluster().at(seconds).node(new NodeSignals("a", NodeState.READY, 8, 0, 0,
        now - 300_000, now)).build();
  }
}
