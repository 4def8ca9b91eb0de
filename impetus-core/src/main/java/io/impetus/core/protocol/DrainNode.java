package io.impetus.core.protocol;

/**
 * Asks the queue to drain a node (the DFS does, before it retires a machine): the queue passes a
 * {@link Drain} to the node. Answered by {@link Ack}, or by a failure when no node of that id is
 * registered.
 *
 * @param rid the request id
 * @param nodeId the node to drain
 * @param graceMillis how long the node's running jobs may take before their workers are killed
 */
public record DrainNode(long rid, String nodeId, long graceMillis) implements ControlRequest {}
