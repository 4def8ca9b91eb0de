package io.impetus.dfs.policy;

import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link ScalingPolicy} may look at, taken at one tick of the DFS loop. Immutable;
 * the lists are copied. Time is the loop's injected clock, never read here.
 *
 * @param nowMillis the tick's time (epoch milliseconds, or simulated time)
 * @param streams the streams with anything waiting, running or recently submitted
 * @param nodes every node the DFS knows: booting, ready or draining
 * @param nodeStartup how long a node takes from launch to registration, as measured on this
 *     cluster (or the configured estimate before any node has been measured)
 */
public record ClusterSignals(
    long nowMillis, List<StreamSignals> streams, List<NodeSignals> nodes, Duration nodeStartup) {

  /** Copies the lists. */
  public ClusterSignals {
    streams = List.copyOf(streams);
    nodes = List.copyOf(nodes);
    if (nodeStartup.isNegative()) {
      throw new IllegalArgumentException("negative node start-up time " + nodeStartup);
    }
  }

  /** The nodes in this state. */
  public List<NodeSignals> nodes(NodeState state) {
    return nodes.stream().filter(node -> node.state() == state).toList();
  }
}
