package io.impetus.sim;

import java.util.Arrays;

/**
 * Percentiles of the queue wait: from a job's arrival to the first time a worker started it.
 * Nearest-rank percentiles (the smallest wait that at least p% of the jobs did not exceed).
 * Immutable.
 *
 * @param p50Seconds the median wait
 * @param p95Seconds the 95th percentile
 * @param maxSeconds the longest wait
 */
public record WaitStats(double p50Seconds, double p95Seconds, double maxSeconds) {

  /** The percentiles of these waits in milliseconds (all zero when there are none). */
  public static WaitStats of(long[] waitsMillis) {
    if (waitsMillis.length == 0) {
      return new WaitStats(0, 0, 0);
    }
    long[] sorted = waitsMillis.clone();
    Arrays.sort(sorted);
    return new WaitStats(rank(sorted, 0.50), rank(sorted, 0.95),
        sorted[sorted.length - 1] / 1000.0);
  }

  private static double rank(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1000.0;
  }
}
