package io.impetus.dfs.policy;

/**
 * A node the DFS's provisioner launched and has not seen leave, as the DFS loop hands it to
 * {@link SignalsBuilder}. Until the node registers with the queue under {@code nodeId}, it is
 * {@link NodeState#BOOTING}. Immutable.
 *
 * @param nodeId the id the node will register with (the provisioner passes it to the node)
 * @param launchedMillis when the provisioner launched it
 * @param capacity the workers it will run
 */
public record LaunchedNode(String nodeId, long launchedMillis, int capacity) {}
