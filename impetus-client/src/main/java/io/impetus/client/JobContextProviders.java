package io.impetus.client;

import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JobContextProvider}s installed in this JVM, found once with {@link ServiceLoader}
 * from the class loader that loaded Impetus (a job's own classes cannot install one). Thread-safe.
 */
final class JobContextProviders {

  private static final List<JobContextProvider> INSTALLED = ServiceLoader.load(
      JobContextProvider.class, JobContextProvider.class.getClassLoader()).stream()
      .map(ServiceLoader.Provider::get).toList();

  private JobContextProviders() {}

  /** The running job's context on this thread, from the first provider that has one. */
  static @Nullable JobContext current() {
    for (JobContextProvider provider : INSTALLED) {
      JobContext context = provider.current();
      if (context != null) {
        return context;
      }
    }
    return null;
  }
}
