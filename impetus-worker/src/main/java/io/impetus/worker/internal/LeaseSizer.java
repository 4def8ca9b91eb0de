package io.impetus.worker.internal;

/**
 * How many jobs a worker leases at once: as many as it runs in about {@link #TARGET_NANOS}, judged
 * by the jobs it ran so far, at least one and at most {@link #MOST}. A fresh worker leases one, so
 * that long jobs spread over all the stream's workers instead of queueing behind one; short jobs
 * soon go in batches, so that the queue is asked less often. The target is short because a
 * worker asks for its next lease while it runs the current one: it holds up to two leases' worth
 * of jobs, which the stream's other workers cannot take, and only when its jobs are short.
 *
 * <p>Not thread-safe; used by the worker's job thread.
 */
final class LeaseSizer {

  /** The most jobs leased at once. */
  static final int MOST = 1000;
  /** How long one leased batch should take to run. */
  static final long TARGET_NANOS = 20_000_000;
  /**
   * Jobs that took less than this on average are short (see {@link #shortJobs}): the lease
   * target, so that a worker holds at most about one target's worth of work ahead.
   */
  static final long SHORT_JOB_NANOS = TARGET_NANOS;

  private long jobs;
  private long nanos;

  /** The next lease's size, at most {@code limit}. */
  int next(int limit) {
    int size = jobs == 0 ? 1
        : (int) Math.max(1, Math.min(MOST, TARGET_NANOS * jobs / Math.max(1, nanos)));
    return Math.max(1, Math.min(size, limit));
  }

  /**
   * Whether the jobs run so far took less than {@link #SHORT_JOB_NANOS} on average: then a
   * worker asks for its next lease while it runs the current one, since a lease's round trip is
   * a large part of its jobs' time. Not before any job ran.
   */
  boolean shortJobs() {
    return jobs > 0 && nanos < SHORT_JOB_NANOS * jobs;
  }

  /** Records that {@code count} jobs took {@code elapsedNanos} to run. */
  void ran(int count, long elapsedNanos) {
    jobs += count;
    nanos += elapsedNanos;
  }
}
