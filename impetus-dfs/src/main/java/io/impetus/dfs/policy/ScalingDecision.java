package io.impetus.dfs.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a policy wants done at one tick: start {@code start} new nodes and drain the listed
 * nodes, each with its reason. Immutable. A drain names a node of the signals the decision was
 * made from; a node is named at most once. Draining a node makes it take no new job and leave
 * when its running jobs are done; the DFS carries it out with the queue's {@code DrainNode}.
 *
 * @param start how many nodes to launch (at least 0)
 * @param drains the nodes to drain, in the order the policy chose them
 * @param desiredNodes how many nodes the policy thinks the load needs now (for logs and
 *     metrics; the DFS acts on {@code start} and {@code drains} only)
 * @param reason one line saying why, for the DFS's log
 */
public record ScalingDecision(int start, List<Drain> drains, int desiredNodes, String reason) {

  /** Checks the counts and that no node is drained twice. */
  public ScalingDecision {
    drains = List.copyOf(drains);
    if (start < 0 || desiredNodes < 0) {
      throw new IllegalArgumentException("negative start " + start + " or desired nodes "
          + desiredNodes);
    }
    Set<String> seen = new HashSet<>();
    for (Drain drain : drains) {
      if (!seen.add(drain.nodeId())) {
        throw new IllegalArgumentException("node " + drain.nodeId() + " is drained twice");
      }
    }
  }

  /** Nothing to do. */
  public static ScalingDecision hold(int desiredNodes, String reason) {
    return new ScalingDecision(0, List.of(), desiredNodes, reason);
  }

  /** Whether the decision changes anything. */
  public boolean isHold() {
    return start == 0 && drains.isEmpty();
  }

  /**
   * One node to drain.
   *
   * @param nodeId the node
   * @param reason why this node, e.g. {@code idle for 75 s}
   */
  public record Drain(String nodeId, String reason) {}
}
