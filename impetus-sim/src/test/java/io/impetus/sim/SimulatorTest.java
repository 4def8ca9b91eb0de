package io.impetus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.impetus.dfs.policy.ClusterSignals;
import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.dfs.policy.NodeSignals;
import io.impetus.dfs.policy.NodeState;
import io.impetus.dfs.policy.ScalingDecision;
import io.impetus.dfs.policy.ScalingPolicy;
import io.impetus.sim.trace.SyntheticTrace;
import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceJob;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Simulator}: hand-checked figures, interruptions, and the default policy's record. */
class SimulatorTest {

  /** Three jobs: two of 20 s at 0 s, one of 10 s at 5 s. */
  private static final Trace TINY = new Trace("tiny", List.of(new TraceJob(0, 20_000),
      new TraceJob(0, 20_000), new TraceJob(5_000, 10_000)));

  private static SimulationConfig.Builder cluster() {
    return SimulationConfig.builder().startup(Duration.ofSeconds(10)).slotsPerNode(2)
        .heartbeat(Duration.ZERO);
  }

  @Test
  void tinyTraceGivesTheFiguresWorkedOutByHand() {
    // baseline: one node per 2 jobs. 0 s: 2 waiting, node-1 launched (up at 10 s). 5 s: 3
    // jobs, node-2 launched (up at 15 s). 10 s: node-1 runs jobs 1 and 2 until 30 s. 15 s:
    // node-2 runs job 3 until 25 s, then is empty with 2 jobs left: drained at 25 s. 30 s:
    // node-1 empty, drained; the run ends. Node-seconds 30 + 20; booting 10 + 10; idle: one of
    // node-2's two slots for its 10 s up, 5 node-seconds. Every job waited 10 s.
    SimulationResult result = new Simulator(cluster().build())
        .run(TINY, new BaselinePolicy(2, 10), "baseline");

    assertThat(result).isEqualTo(new SimulationResult("baseline", "tiny", 3, 50, 20, 5, 25, 30,
        new WaitStats(10, 10, 10), 2, 2, 2, 0, 0, 30));
    assertThat(result.costRatio()).isEqualTo(2.0);
  }

  @Test
  void aPolicyThatDrainsBusyNodesInterruptsTheirJobsWhenTheGraceRunsOut() {
    // node-1 is up at 10 s with jobs 1 and 2 and is drained at once; at 15 s its grace is over:
    // both jobs go back to the head of the queue, and node-2 (launched at 15 s, up at 25 s) runs
    // them until 45 s, then job 3 (waiting since 5 s) until 55 s.
    SimulationResult result = new Simulator(cluster().grace(Duration.ofSeconds(5))
        .tail(Duration.ZERO).build()).run(TINY, new DrainsFirstBusyNode(), "bad");

    assertThat(result.interrupted()).isEqualTo(2);
    assertThat(result.unfinished()).isZero();
    assertThat(result.starts()).isEqualTo(2);
    assertThat(result.waits()).isEqualTo(new WaitStats(10, 40, 40));
    assertThat(result.nodeSeconds()).isEqualTo(15 + 40);
    assertThat(result.endSeconds()).isEqualTo(55);
  }

  @Test
  void aDrainThatFindsTheJobsDoneWithinTheGraceInterruptsNothing() {
    SimulationResult result = new Simulator(cluster().grace(Duration.ofSeconds(30)).build())
        .run(TINY, new DrainsFirstBusyNode(), "bad");

    assertThat(result.interrupted()).isZero();
    assertThat(result.unfinished()).isZero();
  }

  @Test
  void drainingABootingNodeCancelsIt() {
    ScalingPolicy cancels = new ScalingPolicy() {
      @Override
      public ScalingDecision decide(ClusterSignals signals) {
        if (signals.nowMillis() == 0) {
          return new ScalingDecision(1, List.of(), 1, "start");
        }
        List<NodeSignals> booting = signals.nodes(NodeState.BOOTING);
        if (signals.nowMillis() == 4000) {
          return new ScalingDecision(1, List.of(new ScalingDecision.Drain(
              booting.get(0).nodeId(), "cancel")), 1, "cancel one, start one");
        }
        return ScalingDecision.hold(1, "hold");
      }
    };

    SimulationResult result = new Simulator(cluster().tail(Duration.ZERO).build())
        .run(new Trace("one", List.of(new TraceJob(0, 1000))), cancels, "cancels");

    assertThat(result.drains()).isEqualTo(1);
    assertThat(result.bootNodeSeconds()).isEqualTo(4 + 10);
    assertThat(result.waits().p50Seconds()).isEqualTo(14);
  }

  @Test
  void drainingANodeThatIsNotInTheSignalsIsAnError() {
    ScalingPolicy wrong = signals -> new ScalingDecision(0,
        List.of(new ScalingDecision.Drain("nobody", "why not")), 0, "oops");

    assertThatThrownBy(() -> new Simulator(cluster().build()).run(TINY, wrong, "wrong"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("policy wrong drained node nobody, which is not in its signals");
  }

  @Test
  void aPolicyThatNeverStartsANodeLeavesTheJobsUnfinished() {
    SimulationResult result = new Simulator(cluster().build())
        .run(TINY, signals -> ScalingDecision.hold(0, "never"), "never");

    assertThat(result.unfinished()).isEqualTo(3);
    assertThat(result.nodeSeconds()).isZero();
  }

  @ParameterizedTest
  @EnumSource(SyntheticTrace.class)
  void defaultPolicyInterruptsNoJobOnAnyTrace(SyntheticTrace shape) {
    Trace trace = shape.generate(1);
    // As the command runs it: nodes report every 10 s, drains carry a 10-minute grace.
    SimulationResult reported = new Simulator(SimulationConfig.defaults())
        .run(trace, new DefaultPolicy(DefaultPolicyConfig.defaults()), "default");
    // Seeing the truth, with no grace at all: a drained node kills its running jobs at once, so
    // any drain of a busy node would count.
    SimulationResult strict = new Simulator(SimulationConfig.builder()
        .heartbeat(Duration.ZERO).grace(Duration.ZERO).assignment(Assignment.PACK).build())
        .run(trace, new DefaultPolicy(DefaultPolicyConfig.defaults()), "default");

    for (SimulationResult result : List.of(reported, strict)) {
      assertThat(result.interrupted()).isZero();
      assertThat(result.unfinished()).isZero();
      assertThat(result.drains()).isEqualTo(result.starts());
      assertThat(result.costRatio()).isGreaterThan(1);
    }
  }

  @Test
  void runsAreDeterministic() {
    Simulator simulator = new Simulator(SimulationConfig.defaults());
    Trace spike = SyntheticTrace.SPIKE.generate(7);

    assertThat(simulator.run(spike, new DefaultPolicy(DefaultPolicyConfig.defaults()), "d"))
        .isEqualTo(simulator.run(SyntheticTrace.SPIKE.generate(7),
            new DefaultPolicy(DefaultPolicyConfig.defaults()), "d"));
  }

  @Test
  void nodeSecondsSplitIntoBootIdleAndWork() {
    SimulationResult r = new Simulator(SimulationConfig.defaults()).run(
        SyntheticTrace.BURSTY.generate(3), new DefaultPolicy(DefaultPolicyConfig.defaults()),
        "d");

    assertThat(r.bootNodeSeconds() + r.idleNodeSeconds() + r.boundNodeSeconds())
        .isCloseTo(r.nodeSeconds(), within(0.01));
  }

  /** Starts a node whenever there is none, and drains the first node it sees running jobs. */
  private static final class DrainsFirstBusyNode implements ScalingPolicy {
    private boolean drained;

    @Override
    public ScalingDecision decide(ClusterSignals signals) {
      if (signals.nodes().isEmpty()) {
        return new ScalingDecision(1, List.of(), 1, "none");
      }
      for (NodeSignals node : signals.nodes(NodeState.READY)) {
        if (!drained && node.busy() > 0) {
          drained = true;
          return new ScalingDecision(0, List.of(new ScalingDecision.Drain(node.nodeId(),
              "busy")), 1, "drain a busy node");
        }
      }
      return ScalingDecision.hold(1, "hold");
    }
  }
}
