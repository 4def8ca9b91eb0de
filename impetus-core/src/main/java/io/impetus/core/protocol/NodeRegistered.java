package io.impetus.core.protocol;

/**
 * The queue's answer to {@link RegisterNode}: the node is in the registry and must send a {@link
 * Heartbeat} at least every {@code heartbeatMillis}. A node silent for the queue's lease timeout
 * is presumed gone: its workers' leases are released and their jobs given to others.
 *
 * @param rid the request's id
 * @param heartbeatMillis how often the node must send a heartbeat
 */
public record NodeRegistered(long rid, long heartbeatMillis) implements Reply {}
