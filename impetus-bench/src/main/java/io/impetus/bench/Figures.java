package io.impetus.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** Order statistics of measured values, and how they are printed. Stateless. */
final class Figures {

  private Figures() {}

  /** The median of {@code values} (the lower middle one of an even count). */
  static double median(double[] values) {
    return percentile(values, 50);
  }

  /** The nearest-rank percentile of {@code values}, {@code percent} in 1..100. */
  static double percentile(double[] values, int percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** {@code value} to 4 significant digits (all of its integer digits when it has more). */
  static BigDecimal rounded(double value) {
    BigDecimal exact = BigDecimal.valueOf(value);
    int digits = Math.max(0, 4 - (exact.precision() - exact.scale()));
    return exact.setScale(digits, RoundingMode.HALF_EVEN);
  }
}
