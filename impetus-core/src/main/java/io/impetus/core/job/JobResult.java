package io.impetus.core.job;

import java.util.Objects;

/**
 * A finished job as the queue delivers it to the client that owns its stream.
 *
 * @param spec the job as it was forked
 * @param outcome the worker's (or the queue's) report
 * @param attempts how many times the job was started
 */
public record JobResult(JobSpec spec, JobOutcome outcome, int attempts) {

  /** Checks that the outcome belongs to the spec. */
  public JobResult {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(outcome, "outcome");
    if (!spec.id().equals(outcome.id())) {
      throw new IllegalArgumentException(
          "outcome of job " + outcome.id() + " does not belong to job " + spec.id());
    }
  }
}
