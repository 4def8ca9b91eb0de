package io.impetus.core.protocol;

import io.impetus.core.job.LeasedJob;
import java.util.List;

/**
 * The answer to {@link LeaseJobs}: the leased jobs in the order they should run; empty when the
 * wait ran out (or the stream is gone).
 *
 * @param rid the request id
 * @param jobs the leased jobs
 */
public record LeasedJobs(long rid, List<LeasedJob> jobs) implements Reply {

  /** Takes an immutable copy of the jobs. */
  public LeasedJobs {
    jobs = List.copyOf(jobs);
  }
}
