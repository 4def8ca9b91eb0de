package io.impetus.core.protocol;

/**
 * A node reports that one of its workers has ended (exited, crashed or was killed): the queue
 * releases the worker's leases at once, so that its jobs run again elsewhere (or end as "worker
 * lost" after their last attempt), and discards anything the worker completes later. Answered by
 * {@link Ack}.
 *
 * @param rid the request id
 * @param workerId the worker's peer id, {@code <nodeId>/<pid>}
 */
public record WorkerExited(long rid, String workerId) implements Request {}
