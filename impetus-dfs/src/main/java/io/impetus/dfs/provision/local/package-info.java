/** The local provisioner: node daemons as processes on this machine. */
package io.impetus.dfs.provision.local;
