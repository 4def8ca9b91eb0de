package io.impetus.client;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link JobContext#current()} finds the context of the running job: a service implemented
 * by the runtime that runs jobs (Impetus's worker), registered for {@link java.util.ServiceLoader}
 * in its jar, never by clients. Outside a worker no provider is installed and {@code
 * JobContext.current()} says so.
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 */
public interface JobContextProvider {

  /** The context of the job running on the calling thread, or null when none runs there. */
  @Nullable JobContext current();
}
