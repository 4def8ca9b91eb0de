/**
 * The DFS auto-scaler: {@link io.impetus.dfs.Dfs} follows a queue's backlog and node registry,
 * asks a scaling policy ({@code io.impetus.dfs.policy}: the signals a tick reads, the decision,
 * the default policy) and starts and drains machines through a provisioner ({@code
 * io.impetus.dfs.provision}: local processes or EC2 instances); {@link
 * io.impetus.dfs.DfsDaemon} runs it from the command line. The policies' simulator is the
 * {@code impetus-sim} module.
 */
@NullMarked
package io.impetus.dfs;

import org.jspecify.annotations.NullMarked;
