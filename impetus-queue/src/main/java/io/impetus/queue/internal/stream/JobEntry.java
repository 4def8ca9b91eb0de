package io.impetus.queue.internal.stream;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import org.jspecify.annotations.Nullable;

/**
 * The queue's record of one job: the spec as forked, when it may start, its state, the current
 * lease (epoch and holder) and, once finished, its outcome. Mutable; guarded by its stream's lock.
 */
final class JobEntry {

  final JobSpec spec;
  /** Submission order within the stream: the FIFO tie-breaker between equal priorities. */
  final long seq;
  /** The earliest time (epoch milliseconds, queue clock) at which the job may start. */
  final long notBeforeMillis;
  JobState state = JobState.WAITING;
  /**
   * The epoch of the job's latest lease since the queue started (always above the start's
   * {@link StreamContext#firstEpoch()}). Until its first lease: the first epoch for a job
   * submitted since the start, 0 for one restored from the journal.
   */
  long epoch;
  /** How many attempts the job has used: leases, less those given back uncounted. */
  int attempts;
  /**
   * Whether the attempt of the job's latest lease was given back uncounted (its worker ended
   * through no fault of the job, or the queue restarted): a late completion of it counts it.
   */
  boolean uncounted;
  @Nullable WorkerLink holder;
  @Nullable JobOutcome outcome;
  /** Whether the outcome is in the journal, so that it may be shown to the client. */
  boolean published;

  JobEntry(JobSpec spec, long seq, long notBeforeMillis) {
    this.spec = spec;
    this.seq = seq;
    this.notBeforeMillis = notBeforeMillis;
  }

  void moveTo(JobState next) {
    state = state.moveTo(next, spec.id());
  }
}
