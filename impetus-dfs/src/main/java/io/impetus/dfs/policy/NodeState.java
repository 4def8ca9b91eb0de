package io.impetus.dfs.policy;

/**
 * Where a node is in its life, as the DFS sees it.
 *
 * <ul>
 *   <li>{@link #BOOTING}: the provisioner started it, but it has not registered with the queue
 *       yet. It costs money and runs nothing, but it will: a policy counts it as capacity on
 *       its way.
 *   <li>{@link #READY}: registered and taking jobs.
 *   <li>{@link #DRAINING}: told to drain (by the DFS or its operator): it takes no new jobs and
 *       leaves once its running jobs are done. It is no longer capacity.
 * </ul>
 */
public enum NodeState {
  /** Started, not registered yet. */
  BOOTING,
  /** Registered, taking jobs. */
  READY,
  /** Finishing its running jobs, taking no new ones. */
  DRAINING
}
