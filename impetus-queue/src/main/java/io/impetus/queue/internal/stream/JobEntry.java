package io.impetus.queue.internal.stream;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import org.jspecify.annotations.Nullable;

/**
 * The queue's record of one job: the spec as forked, its state, the current lease (epoch and
 * holder) and, once finished, its outcome. Mutable; guarded by its stream's lock.
 */
final class JobEntry {

  final JobSpec spec;
  /** Submission order within the stream: the FIFO tie-breaker between equal priorities. */
  final long seq;
  JobState state = JobState.WAITING;
  long epoch;
  int attempts;
  @Nullable WorkerLink holder;
  @Nullable JobOutcome outcome;

  JobEntry(JobSpec spec, long seq) {
    this.spec = spec;
    this.seq = seq;
  }

  void moveTo(JobState next) {
    state = state.moveTo(next, spec.id());
  }
}
