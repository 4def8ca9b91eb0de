package io.impetus.worker.internal;

import io.impetus.client.DataStore;
import io.impetus.client.JobContext;

/**
 * The context of a job running on this worker.
 *
 * @param jobId the job's id
 * @param stream the job's stream
 * @param attempt which run of the job this is
 * @param store the stream's data store, decoding with the job's bundle classes
 */
record WorkerJobContext(String jobId, String stream, int attempt, DataStore store)
    implements JobContext {}
