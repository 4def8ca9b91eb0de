package io.impetus.client.internal.job;

import io.impetus.client.JobContext;

/** Holds the {@link JobContext} of the job running on a worker thread; set by the worker. */
public final class CurrentJob {

  private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

  private CurrentJob() {}

  /** Makes {@code context} current on this thread until {@link #clear()}. */
  public static void bind(JobContext context) {
    CURRENT.set(context);
  }

  /** Ends the current job on this thread. */
  public static void clear() {
    CURRENT.remove();
  }

  /**
   * The current job's context.
   *
   * @throws IllegalStateException when no job runs on this thread
   */
  public static JobContext get() {
    JobContext context = CURRENT.get();
    if (context == null) {
      throw new IllegalStateException(
          "JobContext.current() is only available inside a @Node method running on a worker");
    }
    return context;
  }
}
