package io.impetus.core.protocol;

import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the messages that carry jobs well inside the frame limit: a batch ends at its item limit
 * or once it holds {@link #TARGET_BYTES} bytes, whichever comes first, and an item larger than
 * that travels alone. A job's argument and its result may each be at most {@link #MAX_PAYLOAD}
 * bytes, so that even a lone delivered job (argument and result together) fits in a frame.
 * Sizes are estimates: payload bytes plus a fixed allowance for the fields around them.
 * Stateless and thread-safe.
 */
public final class Batches {

  /** The bytes after which a batch takes no further item. */
  public static final long TARGET_BYTES = 1L << 20;

  /** The most bytes a job's serialized argument, or its serialized result, may have. */
  public static final int MAX_PAYLOAD = 16 << 20;

  /** What the fields around a job's payloads take, at most, in the usual case. */
  private static final int ALLOWANCE = 256;

  private Batches() {}

  /**
   * Splits {@code items} into consecutive batches of at most {@code maxItems} items and about
   * {@link #TARGET_BYTES} bytes each, in order; none is empty.
   */
  public static <T> List<List<T>> split(List<T> items, int maxItems, ToLongFunction<T> size) {
    List<List<T>> batches = new ArrayList<>();
    List<T> batch = new ArrayList<>();
    long bytes = 0;
    for (T item : items) {
      if (!batch.isEmpty() && (batch.size() >= maxItems || bytes >= TARGET_BYTES)) {
        batches.add(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(item);
      bytes += size.applyAsLong(item);
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  /** The estimated wire size of a submitted job. */
  public static long size(JobSpec spec) {
    return ALLOWANCE + spec.args().length;
  }

  /** The estimated wire size of a leased job. */
  public static long size(LeasedJob job) {
    return ALLOWANCE + job.args().length;
  }

  /** The estimated wire size of a job's outcome. */
  public static long size(JobOutcome outcome) {
    byte[] result = outcome.result();
    return ALLOWANCE + (result == null ? 0 : result.length) + size(outcome.error());
  }

  /** The estimated wire size of a delivered job: its spec and its outcome. */
  public static long size(JobResult result) {
    return size(result.spec()) + size(result.outcome());
  }

  private static long size(@Nullable ErrorInfo error) {
    return error == null ? 0 : 2L * (error.error().length() + error.stacktrace().length()
        + error.statement().length());
  }
}
