package io.impetus.core.protocol;

/**
 * A worker asks for up to {@code max} jobs of a stream. When none is waiting the queue holds the
 * request (a long poll) until jobs arrive or {@code waitMillis} passes, then answers with {@link
 * LeasedJobs}, possibly empty. The leases belong to the connection that asked: when it closes,
 * they return to the stream.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param max the most jobs to lease, at least 1
 * @param waitMillis how long to wait for jobs when none is waiting
 */
public record LeaseJobs(long rid, String streamId, int max, long waitMillis)
    implements WorkerRequest {}
