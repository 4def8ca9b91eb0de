package io.impetus.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link DefaultPolicy} on random clusters: the rules that hold whatever the load. */
class DefaultPolicyPropertiesTest {

  @Property(tries = 300)
  void drainsOnlyReadyNodesReportedIdleAndStaysWithinItsBounds(
      @ForAll("clusters") ClusterSignals signals, @ForAll("configs") DefaultPolicyConfig config) {
    ScalingDecision decision = new DefaultPolicy(config).decide(signals);

    Map<String, NodeSignals> nodes = new HashMap<>();
    signals.nodes().forEach(node -> nodes.put(node.nodeId(), node));
    for (ScalingDecision.Drain drain : decision.drains()) {
      NodeSignals node = nodes.get(drain.nodeId());
      assertThat(node).isNotNull();
      assertThat(node.state()).isEqualTo(NodeState.READY);
      assertThat(node.busy()).isZero();
    }
    int total = signals.nodes().size();
    int active = signals.nodes(NodeState.READY).size() + signals.nodes(NodeState.BOOTING).size();
    assertThat(decision.start()).isLessThanOrEqualTo(Math.max(0, config.maxNodes() - total));
    assertThat(decision.start() == 0 || decision.drains().isEmpty()).isTrue();
    if (active - decision.drains().size() < config.minNodes()) {
      assertThat(decision.drains()).isEmpty();
    }
    assertThat(decision.desiredNodes()).isBetween(config.minNodes(), config.maxNodes());
  }

  @Provide
  Arbitrary<DefaultPolicyConfig> configs() {
    return Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(3, 12), Arbitraries.integers().between(1, 16),
        Arbitraries.integers().between(0, 120)).as((min, max, slots, idle) ->
        DefaultPolicyConfig.builder().minNodes(min).maxNodes(max).slotsPerNode(slots)
            .idleTime(Duration.ofSeconds(idle)).build());
  }

  @Provide
  Arbitrary<ClusterSignals> clusters() {
    Arbitrary<StreamSignals> streams = Combinators.combine(
        Arbitraries.integers().between(0, 500), Arbitraries.integers().between(0, 100),
        Arbitraries.doubles().between(0, 20), Arbitraries.doubles().between(0, 120),
        Arbitraries.integers().between(0, 8))
        .as((waiting, running, rate, mean, perNode) ->
            new StreamSignals("s", waiting, running, rate, rate, mean, perNode));
    Arbitrary<NodeSignals> nodes = Combinators.combine(
        Arbitraries.of(NodeState.values()), Arbitraries.integers().between(1, 16),
        Arbitraries.integers().between(0, 16), Arbitraries.longs().between(0, 600),
        Arbitraries.longs().between(0, 5))
        .as((state, capacity, busy, idle, age) -> new NodeSignals("n", state, capacity,
            state == NodeState.BOOTING ? 0 : Math.min(busy, capacity), 0,
            (600 - idle) * 1000, (600 - age) * 1000));
    return Combinators.combine(streams.list().ofMaxSize(3), nodes.list().ofMaxSize(14))
        .as((s, n) -> {
          List<StreamSignals> named = new ArrayList<>();
          for (int i = 0; i < s.size(); i++) {
            StreamSignals x = s.get(i);
            named.add(new StreamSignals("s" + i, x.waiting(), x.running(), x.arrivalRate(),
                x.completionRate(), x.meanJobSeconds(), x.slotsPerNode()));
          }
          List<NodeSignals> ids = new ArrayList<>();
          for (int i = 0; i < n.size(); i++) {
            NodeSignals x = n.get(i);
            ids.add(new NodeSignals("n" + i, x.state(), x.capacity(), x.busy(),
                x.launchedMillis(), x.lastActiveMillis(), x.reportedMillis()));
          }
          return new ClusterSignals(600_000, named, ids, Duration.ofSeconds(30));
        });
  }
}
