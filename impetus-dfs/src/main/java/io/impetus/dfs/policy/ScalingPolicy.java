package io.impetus.dfs.policy;

/**
 * Decides, at each tick of the DFS loop, how many nodes to start and which to drain.
 *
 * <p>Contract: the loop calls {@link #decide} once per tick (about once a second), from one
 * thread, with signals whose time never goes backwards. A policy may keep state between calls
 * (cooldowns, smoothing) and need not be thread-safe. It must not block, read a clock or do I/O:
 * everything it knows comes from the signals, so the simulator can replay it on traces. It
 * should drain only {@link NodeState#READY} nodes with no running job: a draining node whose
 * jobs outlast the node's drain grace has them killed (they go back to the queue, and the
 * simulator counts them as interrupted).
 */
public interface ScalingPolicy {

  /**
   * Decides what to do now.
   *
   * @param signals the cluster at this tick
   * @return the decision, never null
   */
  ScalingDecision decide(ClusterSignals signals);
}
