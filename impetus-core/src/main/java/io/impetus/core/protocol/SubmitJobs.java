package io.impetus.core.protocol;

import io.impetus.core.job.JobSpec;
import java.util.List;

/**
 * Adds jobs to a stream. Answered by {@link Ack} once the queue holds them.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param jobs the jobs, in fork order
 */
public record SubmitJobs(long rid, String streamId, List<JobSpec> jobs) implements ClientRequest {

  /** Takes an immutable copy of the jobs. */
  public SubmitJobs {
    jobs = List.copyOf(jobs);
  }
}
