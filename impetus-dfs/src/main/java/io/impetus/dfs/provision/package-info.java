/** Provisioners: how the DFS starts and stops the machines that run node daemons. */
package io.impetus.dfs.provision;
