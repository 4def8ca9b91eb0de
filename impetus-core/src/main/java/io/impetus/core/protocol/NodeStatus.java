package io.impetus.core.protocol;

/**
 * One node in the queue's registry: what it registered with, what its last heartbeat said, and
 * the queue's own live count of the jobs leased to its workers.
 *
 * @param nodeId the node's id
 * @param host the node's host name
 * @param capacity the most workers the node runs at once
 * @param version the node's Impetus version
 * @param load what the node reported in its last heartbeat
 * @param lastSeenMillis when the queue last heard from the node (epoch milliseconds)
 * @param leasedJobs how many jobs the node's workers hold leased right now, as the queue knows it
 *     (no older than the request, unlike the heartbeat's load)
 */
public record NodeStatus(
    String nodeId, String host, int capacity, String version, NodeLoad load,
    long lastSeenMillis, int leasedJobs) {}
