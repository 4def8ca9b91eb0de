package io.impetus.core.job;

/**
 * A job's own limits, set by its fork ({@code Fork.timeout}, {@code Fork.maxAttempts}); each
 * left at 0 keeps the stream's property ({@code timelimit}, {@code maxattempts}) in force. They
 * travel with the job as numbers, from the client to the queue's journal and on to the worker.
 * Room for what a job may later carry of its own: a retry policy, dependencies.
 *
 * @param timeLimitMillis how long the job may run, in ms; 0 for the stream's limit
 * @param maxAttempts how many times the job may be started; 0 for the stream's limit
 */
public record JobLimits(long timeLimitMillis, int maxAttempts) {

  /** No limit of the job's own: the stream's apply. */
  public static final JobLimits STREAMS = new JobLimits(0, 0);

  /** Checks the values. */
  public JobLimits {
    if (timeLimitMillis < 0 || maxAttempts < 0) {
      throw new IllegalArgumentException("a job's limits must not be negative: time limit "
          + timeLimitMillis + " ms, " + maxAttempts + " attempts");
    }
  }

  /** Whether the job has a time limit of its own. */
  public boolean hasTimeLimit() {
    return timeLimitMillis > 0;
  }

  /** Whether the job has an attempt limit of its own. */
  public boolean hasMaxAttempts() {
    return maxAttempts > 0;
  }
}
