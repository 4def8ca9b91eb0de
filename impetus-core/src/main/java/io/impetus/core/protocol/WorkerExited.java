package io.impetus.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A node reports that one of its workers has ended (exited, crashed, or was killed by the node's
 * watchdog or drain): the queue releases the worker's leases at once and discards anything the
 * worker completes later. Answered by {@link Ack}.
 *
 * <p>Only the job the worker was running can be to blame. When {@code jobAtFault} is set, that
 * job's attempt counts: it runs again, or, after its last attempt, ends as an error made of
 * {@code cause} and {@code detail}. Every other job the worker held (leased but not started, or
 * the running job when the worker was not lost through its fault) returns to the queue with its
 * attempt uncounted.
 *
 * @param rid the request id
 * @param workerId the worker's peer id, {@code <nodeId>/<pid>}
 * @param jobId the job the worker was running when it ended, or null when it was between jobs
 * @param cause what happened, in words ({@code "the worker exited with status 3"})
 * @param detail more evidence for the job's error, such as a thread dump; may be empty
 * @param jobAtFault whether the running job caused the end and its attempt counts
 */
public record WorkerExited(
    long rid, String workerId, @Nullable String jobId, String cause, String detail,
    boolean jobAtFault) implements NodeRequest {}
