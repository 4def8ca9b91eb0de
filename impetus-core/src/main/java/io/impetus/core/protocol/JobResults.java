package io.impetus.core.protocol;

import io.impetus.core.job.JobResult;
import java.util.List;

/**
 * Finished jobs pushed to the client that owns the stream. The queue keeps each result until the
 * client acknowledges it with {@link AckResults}.
 *
 * @param streamId the stream
 * @param results the finished jobs
 */
public record JobResults(String streamId, List<JobResult> results) implements Push {

  /** Takes an immutable copy of the results. */
  public JobResults {
    results = List.copyOf(results);
  }
}
