package io.impetus.dfs.policy;

/**
 * One node as the DFS sees it at one tick. Immutable; checked when made.
 *
 * @param nodeId the id the node registers (or will register) with at the queue; a drain names
 *     it
 * @param state booting, ready or draining
 * @param capacity the most workers the node runs at once (for a booting node: what it will
 *     have)
 * @param busy jobs the node's workers are running now (0 while booting)
 * @param launchedMillis when the node was started (epoch milliseconds; for a node the DFS did
 *     not start, when the DFS first saw it); billing periods count from here
 * @param lastActiveMillis the last tick at which it ran a job, or when it became ready if it has
 *     run none since; the node has been idle since then when {@code busy} is 0
 * @param reportedMillis when the node last reported its load (its last heartbeat, the registry's
 *     {@code lastSeenMillis}); {@code busy} is as of then. For a booting node, its launch
 */
public record NodeSignals(
    String nodeId, NodeState state, int capacity, int busy, long launchedMillis,
    long lastActiveMillis, long reportedMillis) {

  /** Checks the values. */
  public NodeSignals {
    if (capacity < 0 || busy < 0) {
      throw new IllegalArgumentException("node " + nodeId + ": negative capacity " + capacity
          + " or busy " + busy);
    }
  }

  /** How long the node has run no job, at {@code nowMillis}; 0 when it runs one. */
  public long idleMillis(long nowMillis) {
    return busy > 0 ? 0 : Math.max(0, nowMillis - lastActiveMillis);
  }
}
