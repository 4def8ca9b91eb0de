/**
 * The DFS auto-scaler. So far: its scaling policy ({@code io.impetus.dfs.policy}: the signals a
 * tick reads, the decision, the default policy) and a simulator that replays job traces against
 * policies ({@code io.impetus.dfs.sim}, {@code bin/impetus-simulate}). The daemon loop and the
 * provisioners are still to come; until then nodes are started by hand ({@code
 * bin/impetus-node}) or by {@code impetus-local}.
 */
@NullMarked
package io.impetus.dfs;

import org.jspecify.annotations.NullMarked;
