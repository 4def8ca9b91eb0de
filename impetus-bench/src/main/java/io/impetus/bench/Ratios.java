package io.impetus.bench;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ratio line of a workload measured on several peers: for each other peer, an object {@code
 * impetus_over_<peer>} holding, for each compared figure, Impetus's figure over that peer's (above
 * 1 is better for rates and efficiency, worse for times); null where a figure is missing or the
 * peer's is zero. Stateless.
 */
final class Ratios {

  private Ratios() {}

  /**
   * The ratio line.
   *
   * @param figures the figures compared, e.g. {@code jobs_per_s}
   * @param lines each peer's line by its name, Impetus's first
   */
  static Map<String, Object> line(String workload, List<String> figures,
      Map<String, Map<String, Object>> lines) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("peer", "ratio");
    line.put("workload", workload);
    Map<String, Object> impetus = lines.get("impetus");
    for (Map.Entry<String, Map<String, Object>> other : lines.entrySet()) {
      if (impetus == null || other.getKey().equals("impetus")) {
        continue;
      }
      Map<String, @Nullable Object> ratios = new LinkedHashMap<>();
      for (String figure : figures) {
        ratios.put(figure, ratio(impetus.get(figure), other.getValue().get(figure)));
      }
      line.put("impetus_over_" + other.getKey(), ratios);
    }
    return line;
  }

  /** {@code numerator / denominator} to 4 significant digits, or null. */
  static @Nullable BigDecimal ratio(@Nullable Object numerator, @Nullable Object denominator) {
    if (!(numerator instanceof Number top) || !(denominator instanceof Number bottom)
        || bottom.doubleValue() == 0) {
      return null;
    }
    return Figures.rounded(top.doubleValue() / bottom.doubleValue());
  }
}
