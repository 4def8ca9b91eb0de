/**
 * The auto-scaling policy: what the DFS loop reads at each tick ({@link
 * io.impetus.dfs.policy.ClusterSignals}, filled by a {@link io.impetus.dfs.policy.SignalsBuilder}
 * from the queue's counters and node registry) and what a {@link
 * io.impetus.dfs.policy.ScalingPolicy} answers ({@link io.impetus.dfs.policy.ScalingDecision}:
 * nodes to start, idle nodes to drain, and why). {@link io.impetus.dfs.policy.DefaultPolicy} is
 * the policy the DFS runs unless told otherwise. Everything here is pure computation on
 * injected time: no network, no clock, no threads.
 */
@NullMarked
package io.impetus.dfs.policy;

import org.jspecify.annotations.NullMarked;
