package io.impetus.worker.internal;

import io.impetus.core.job.LeasedJob;
import java.lang.reflect.Field;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the worker's stream and the running job's id and attempt into the worker's process
 * environment, as {@code IMPETUS_STREAM}, {@code IMPETUS_JOB_ID} and {@code IMPETUS_ATTEMPT}
 * (a worker started for a stream has {@code IMPETUS_STREAM} from its node already; a warm worker
 * learns its stream later), so that job code, and programs it starts, see them with
 * {@code System.getenv}. The JDK has no API for this: it writes through the map behind
 * {@code System.getenv()}, which the worker's {@code --add-opens java.base/java.util} allows. Where
 * that fails, it says so once and job code reads {@code JobContext.current()} instead.
 *
 * <p>Used by the worker's job thread only; jobs run one at a time.
 */
final class JobEnvironment {

  /** The running job's id. */
  static final String JOB_ID = "IMPETUS_JOB_ID";
  /** The running job's attempt, 1 for the first. */
  static final String ATTEMPT = "IMPETUS_ATTEMPT";
  /** The worker's stream. */
  static final String STREAM = "IMPETUS_STREAM";

  private static final Logger LOG = LoggerFactory.getLogger(JobEnvironment.class);

  private final @Nullable Map<String, String> writable;

  private JobEnvironment(@Nullable Map<String, String> writable) {
    this.writable = writable;
  }

  /** The process environment, writable if the JDK lets us. */
  @SuppressWarnings("unchecked")
  static JobEnvironment open() {
    Map<String, String> environment = System.getenv();
    try {
      Field backing = environment.getClass().getDeclaredField("m");
      backing.setAccessible(true);
      return new JobEnvironment((Map<String, String>) backing.get(environment));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("jobs will not find {} and {} in their environment ({}); "
          + "they can read JobContext.current()", JOB_ID, ATTEMPT, e.toString());
      return new JobEnvironment(null);
    }
  }

  /** The worker works for {@code stream}. */
  void stream(String stream) {
    if (writable != null) {
      writable.put(STREAM, stream);
    }
  }

  /** The job starts: its variables are set. */
  void enter(LeasedJob job) {
    if (writable != null) {
      writable.put(JOB_ID, job.id());
      writable.put(ATTEMPT, Integer.toString(job.attempt()));
    }
  }

  /** The job ended: its variables are removed. */
  void leave() {
    if (writable != null) {
      writable.remove(JOB_ID);
      writable.remove(ATTEMPT);
    }
  }
}
