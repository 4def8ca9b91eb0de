package io.impetus.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobContextProvider}s installed in this JVM, found once with {@link ServiceLoader}
 * from the class loader that loaded Impetus (a job's own classes cannot install one). Thread-safe.
 */
final class JobContextProviders {

  private static final Logger LOG = LoggerFactory.getLogger(JobContextProviders.class);
  private static final List<JobContextProvider> INSTALLED = load();

  private JobContextProviders() {}

  /** The providers that load; one that does not is skipped with a warning. */
  private static List<JobContextProvider> load() {
    List<JobContextProvider> providers = new ArrayList<>();
    Iterator<JobContextProvider> found = ServiceLoader.load(JobContextProvider.class,
        JobContextProvider.class.getClassLoader()).iterator();
    while (true) {
      try {
        if (!found.hasNext()) {
          return List.copyOf(providers);
        }
        providers.add(found.next());
      } catch (ServiceConfigurationError e) {
        LOG.warn("a JobContextProvider of this JVM's classpath does not load; skipped: {}",
            e.getMessage());
      }
    }
  }

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
