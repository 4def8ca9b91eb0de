package io.impetus.core.protocol;

/**
 * Pushed to a node that must drain: it leases nothing new, lets its running jobs finish within
 * the grace period (then kills their workers, the jobs returning to the queue uncounted), then
 * leaves the registry and exits.
 *
 * @param graceMillis how long the running jobs may take
 */
public record Drain(long graceMillis) implements Push {}
