package io.impetus.sim;

import io.impetus.dfs.policy.ScalingPolicy;
import io.impetus.sim.trace.Trace;

/**
 * Replays traces against policies on a simulated cluster (see {@link SimulationRun} for the
 * model). Deterministic: the same trace, policy and configuration give the same result.
 * Immutable; each {@link #run} is independent, but a policy keeps state, so give each run a
 * fresh one.
 */
public final class Simulator {

  private final SimulationConfig config;

  /** A simulator of a cluster with these constants. */
  public Simulator(SimulationConfig config) {
    this.config = config;
  }

  /** The constants. */
  public SimulationConfig config() {
    return config;
  }

  /**
   * Replays the trace against the policy.
   *
   * @param trace the jobs
   * @param policy a fresh policy
   * @param policyName what the result calls it
   * @return what happened
   * @throws IllegalStateException when the policy drains a node that is not in its signals
   */
  public SimulationResult run(Trace trace, ScalingPolicy policy, String policyName) {
    return new SimulationRun(config, trace, policy, policyName).run();
  }
}
