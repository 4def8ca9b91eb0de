/**
 * The DFS auto-scaler. Not implemented yet: this module only reserves its place in the build.
 * Until it exists, nodes are started by hand ({@code bin/impetus-node}) or by {@code
 * impetus-local}.
 */
@NullMarked
package io.impetus.dfs;

import org.jspecify.annotations.NullMarked;
