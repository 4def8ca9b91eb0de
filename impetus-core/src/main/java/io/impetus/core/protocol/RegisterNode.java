package io.impetus.core.protocol;

/**
 * A node joins the registry. The queue answers with {@link NodeRegistered} and from then on
 * pushes a {@link BacklogNotice} whenever a stream has jobs waiting. The registration ends with
 * the connection, or when the node misses its heartbeats.
 *
 * @param rid the request id
 * @param nodeId the node's unique id
 * @param host the node's host name
 * @param capacity the most workers the node runs at once
 * @param version the node's Impetus version
 */
public record RegisterNode(long rid, String nodeId, String host, int capacity, String version)
    implements NodeRequest {}
