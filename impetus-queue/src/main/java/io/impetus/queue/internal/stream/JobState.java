package io.impetus.queue.internal.stream;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a job is in the queue. The one transition table: a waiting job is leased, or finishes
 * when the worker of an earlier lease reports it late (see {@link Stream#complete}); a leased job
 * finishes or, when its lease is lost, waits again; a finished job only leaves the queue, when
 * the client acknowledges it. Anything else is a bug and throws.
 */
enum JobState {
  /** In the ready or delayed queue; no worker holds it. */
  WAITING,
  /** Leased to a worker under the job's current epoch. */
  PROCESSING,
  /** Has a result or an error, kept until the client acknowledges it. */
  FINISHED;

  private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
      WAITING, EnumSet.of(PROCESSING, FINISHED),
      PROCESSING, EnumSet.of(WAITING, FINISHED),
      FINISHED, EnumSet.noneOf(JobState.class));

  /**
   * Checks that a job may move from this state to {@code next}.
   *
   * @return {@code next}
   * @throws IllegalStateException naming both states when it may not
   */
  JobState moveTo(JobState next, String jobId) {
    if (!ALLOWED.get(this).contains(next)) {
      throw new IllegalStateException("job " + jobId + " cannot go from " + this + " to " + next);
    }
    return next;
  }
}
