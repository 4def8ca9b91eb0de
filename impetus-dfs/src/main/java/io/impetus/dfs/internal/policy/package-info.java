/**
 * What the DFS's {@link io.impetus.dfs.policy.SignalsBuilder} keeps between ticks: each
 * stream's arrival and completion rates, and how long nodes have taken to start.
 */
@NullMarked
package io.impetus.dfs.internal.policy;

import org.jspecify.annotations.NullMarked;
