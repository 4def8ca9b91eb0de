package io.impetus.sim;

import io.impetus.dfs.policy.ClusterSignals;
import io.impetus.dfs.policy.NodeSignals;
import io.impetus.dfs.policy.NodeState;
import io.impetus.dfs.policy.ScalingDecision;
import io.impetus.dfs.policy.ScalingPolicy;
import io.impetus.dfs.policy.StreamSignals;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive reactive scaler the default policy is compared with: one node per {@code slots} jobs
 * waiting or running (booting nodes count, so it does not launch the same node every tick), at
 * most {@code maxNodes}; whenever there are more nodes than that, it drains idle ones at once. No
 * rates, no cooldown, no idle time. It never drains a busy node. Not thread-safe; stateless
 * between ticks.
 */
public final class BaselinePolicy implements ScalingPolicy {

  private final int slots;
  private final int maxNodes;

  /** A baseline for nodes of {@code slots} workers, at most {@code maxNodes} of them. */
  public BaselinePolicy(int slots, int maxNodes) {
    if (slots < 1 || maxNodes < 1) {
      throw new IllegalArgumentException("slots " + slots + " and maxNodes " + maxNodes
          + " must be at least 1");
    }
    this.slots = slots;
    this.maxNodes = maxNodes;
  }

  @Override
  public ScalingDecision decide(ClusterSignals signals) {
    long jobs = 0;
    for (StreamSignals stream : signals.streams()) {
      jobs += stream.waiting() + stream.running();
    }
    int target = (int) Math.min(maxNodes, (jobs + slots - 1) / slots);
    int active = signals.nodes(NodeState.READY).size() + signals.nodes(NodeState.BOOTING).size();
    int draining = signals.nodes(NodeState.DRAINING).size();
    if (target > active) {
      int start = Math.max(0, Math.min(target - active, maxNodes - active - draining));
      return new ScalingDecision(start, List.of(), target, jobs + " jobs: start " + start);
    }
    List<ScalingDecision.Drain> drains = new ArrayList<>();
    for (NodeSignals node : signals.nodes(NodeState.READY)) {
      if (active - drains.size() <= target) {
        break;
      }
      if (node.busy() == 0) {
        drains.add(new ScalingDecision.Drain(node.nodeId(), "empty"));
      }
    }
    return new ScalingDecision(0, drains, target, jobs + " jobs: drain " + drains.size());
  }
}
