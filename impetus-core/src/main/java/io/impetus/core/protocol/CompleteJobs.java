package io.impetus.core.protocol;

import io.impetus.core.job.JobOutcome;
import java.util.List;

/**
 * A worker reports finished jobs. Outcomes whose epoch no longer matches the job's lease are
 * discarded. Answered by {@link Ack}.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param outcomes the finished jobs
 */
public record CompleteJobs(long rid, String streamId, List<JobOutcome> outcomes)
    implements WorkerRequest {

  /** Takes an immutable copy of the outcomes. */
  public CompleteJobs {
    outcomes = List.copyOf(outcomes);
  }
}
