package io.impetus.core.protocol;

/**
 * One node in the queue's registry.
 *
 * @param nodeId the node's id
 * @param host the node's host name
 * @param capacity the most workers the node runs at once
 * @param version the node's Impetus version
 * @param load what the node reported in its last heartbeat
 * @param lastSeenMillis when the queue last heard from the node (epoch milliseconds)
 */
public record NodeStatus(
    String nodeId, String host, int capacity, String version, NodeLoad load,
    long lastSeenMillis) {}
