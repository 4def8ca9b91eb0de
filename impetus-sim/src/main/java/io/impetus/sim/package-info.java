/**
 * A discrete-event simulator that replays job traces against a {@link
 * io.impetus.dfs.policy.ScalingPolicy}, in the manner of a cache-policy simulator: simulated
 * nodes that take time to boot, run a fixed number of workers and drain before they leave;
 * the policy called every tick through the same {@link io.impetus.dfs.policy.SignalsBuilder}
 * the DFS loop uses; and a report of cost (node-seconds, and their ratio to a clairvoyant bound),
 * queue waits, scale events and interrupted jobs. {@link io.impetus.sim.Simulate} is the
 * command. Simulated time only: a run is deterministic for a trace, a policy and a
 * configuration.
 */
@NullMarked
package io.impetus.sim;

import org.jspecify.annotations.NullMarked;
