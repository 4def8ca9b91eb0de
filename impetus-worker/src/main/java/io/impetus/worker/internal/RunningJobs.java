package io.impetus.worker.internal;

import io.impetus.client.JobContext;
import io.impetus.client.JobContextProvider;
import org.jspecify.annotations.Nullable;

/**
 * The worker's {@link JobContextProvider}: the context of the job each job thread runs, bound by
 * {@link JobRunner} for the duration of the job. Registered for {@link java.util.ServiceLoader}
 * in {@code META-INF/services}; the static state is per worker JVM. Thread-safe.
 */
public final class RunningJobs implements JobContextProvider {

  private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

  /** For {@link java.util.ServiceLoader}. */
  public RunningJobs() {}

  /** Makes {@code context} the calling thread's until {@link #clear()}. */
  static void bind(JobContext context) {
    CURRENT.set(context);
  }

  /** Ends the calling thread's job. */
  static void clear() {
    CURRENT.remove();
  }

  @Override
  public @Nullable JobContext current() {
    return CURRENT.get();
  }
}
