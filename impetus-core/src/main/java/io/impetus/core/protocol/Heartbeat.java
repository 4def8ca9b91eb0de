package io.impetus.core.protocol;

/**
 * A registered node is alive, and so are its workers: their leases are renewed. Carries the
 * node's state for the registry. Answered by {@link Ack}, or by a failure when the queue does not
 * know the node (it restarted, or timed the node out), in which case the node registers again.
 *
 * @param rid the request id
 * @param nodeId the node's id, as registered
 * @param load the node's workers and load right now
 */
public record Heartbeat(long rid, String nodeId, NodeLoad load) implements NodeRequest {}
