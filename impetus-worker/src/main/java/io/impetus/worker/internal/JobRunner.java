package io.impetus.worker.internal;

import io.impetus.client.DataStore;
import io.impetus.client.Node;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.protocol.Batches;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one leased job: loads the declaring class from the job's code bundle, finds the static
 * {@code @Node} method by name, deserializes the argument with the bundle's classes, invokes the
 * method and serializes its result. While the method runs, {@code JobContext.current()} describes
 * the job, and so do the {@code IMPETUS_*} environment variables. Anything that goes wrong becomes
 * the job's error, an {@link OutOfMemoryError} or {@link StackOverflowError} included; nothing
 * escapes. After an {@code OutOfMemoryError} the worker should retire (see {@link #exhausted()}):
 * its heap may hold broken state.
 *
 * <p>Used by the worker's single job thread; not thread-safe.
 */
final class JobRunner {

  private final BundleCache bundles;
  private final String stream;
  private final Function<PayloadCodec, DataStore> stores;
  private final Clock clock;
  private final String node;
  private final String worker;
  private final Map<ClassLoader, PayloadCodec> codecs = new HashMap<>();
  private final Map<String, Method> methods = new HashMap<>();
  private final JobEnvironment environment = JobEnvironment.open();
  private boolean exhausted;

  JobRunner(BundleCache bundles, String stream, Function<PayloadCodec, DataStore> stores,
      Clock clock, String node, String worker) {
    this.bundles = bundles;
    this.stream = stream;
    this.stores = stores;
    this.clock = clock;
    this.node = node;
    this.worker = worker;
    environment.stream(stream);
  }

  JobOutcome run(LeasedJob job) {
    long started = clock.millis();
    ClassLoader loader;
    try {
      loader = bundles.loader(job.codeHash());
    } catch (RuntimeException e) {
      return failed(job, started, ErrorInfo.ofSystem(job.name(), e.getMessage()));
    }
    PayloadCodec codec = codecs.computeIfAbsent(loader, PayloadCodec::new);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    RunningJobs.bind(new WorkerJobContext(job.id(), stream, job.attempt(), stores.apply(codec)));
    environment.enter(job);
    try {
      Method method = method(job, loader);
      Object argument = codec.decode(job.args());
      byte[] result = codec.encode(method.invoke(null, argument));
      if (result.length > Batches.MAX_PAYLOAD) {
        return failed(job, started, ErrorInfo.ofSystem(job.name(), "the result takes "
            + result.length + " bytes serialized; a job's result may take at most "
            + Batches.MAX_PAYLOAD));
      }
      return new JobOutcome(job.id(), job.epoch(), result, null, started, clock.millis(), node,
          worker);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      exhausted |= cause instanceof OutOfMemoryError;
      return failed(job, started, ErrorCapture.of(cause, job.name(), loader.getName()));
    } catch (OutOfMemoryError e) {
      exhausted = true;
      return failed(job, started, ErrorCapture.of(e, job.name(), loader.getName()));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError
        | StackOverflowError e) {
      return failed(job, started, ErrorCapture.of(e, job.name(), loader.getName()));
    } finally {
      environment.leave();
      RunningJobs.clear();
      thread.setContextClassLoader(previous);
    }
  }

  /** Whether a job ran out of memory, so that this worker should make way for a fresh one. */
  boolean exhausted() {
    return exhausted;
  }

  private JobOutcome failed(LeasedJob job, long started, ErrorInfo error) {
    return new JobOutcome(job.id(), job.epoch(), null, error, started, clock.millis(), node,
        worker);
  }

  private Method method(LeasedJob job, ClassLoader loader) throws ReflectiveOperationException {
    String key = job.codeHash() + '/' + job.className() + '#' + job.name();
    Method cached = methods.get(key);
    if (cached != null) {
      return cached;
    }
    Class<?> type = Class.forName(job.className(), true, loader);
    for (Method candidate : type.getDeclaredMethods()) {
      if (candidate.getName().equals(job.name()) && candidate.isAnnotationPresent(Node.class)
          && Modifier.isStatic(candidate.getModifiers()) && candidate.getParameterCount() == 1) {
        candidate.setAccessible(true);
        methods.put(key, candidate);
        return candidate;
      }
    }
    throw new NoSuchMethodException(
        "no static @Node method " + job.name() + " in " + job.className());
  }
}
