package io.impetus.sim;

import java.util.Locale;
import java.util.Map;

/**
 * Formats one result as one line of JSON, with the run's settings alongside so that each line
 * stands alone. Numbers are plain JSON numbers (seconds, rounded to the millisecond); strings are
 * escaped. Stateless.
 */
public final class ResultJson {

  private ResultJson() {}

  /**
   * The JSON line (without a line break).
   *
   * @param result the result
   * @param settings extra fields written first, in their iteration order (numbers or strings)
   */
  public static String format(SimulationResult result, Map<String, Object> settings) {
    StringBuilder json = new StringBuilder("{");
    settings.forEach((key, value) -> field(json, key, value));
    field(json, "policy", result.policy());
    field(json, "trace", result.trace());
    field(json, "jobs", result.jobs());
    field(json, "nodeSeconds", result.nodeSeconds());
    field(json, "boundNodeSeconds", result.boundNodeSeconds());
    field(json, "costRatio", result.costRatio());
    field(json, "bootNodeSeconds", result.bootNodeSeconds());
    field(json, "idleNodeSeconds", result.idleNodeSeconds());
    field(json, "zeroWaitNodeSeconds", result.zeroWaitNodeSeconds());
    field(json, "p50WaitSeconds", result.waits().p50Seconds());
    field(json, "p95WaitSeconds", result.waits().p95Seconds());
    field(json, "maxWaitSeconds", result.waits().maxSeconds());
    field(json, "peakNodes", result.peakNodes());
    field(json, "starts", result.starts());
    field(json, "drains", result.drains());
    field(json, "interrupted", result.interrupted());
    field(json, "unfinished", result.unfinished());
    field(json, "endSeconds", result.endSeconds());
    json.setCharAt(json.length() - 1, '}');
    return json.toString();
  }

  private static void field(StringBuilder json, String key, Object value) {
    json.append(string(key)).append(':');
    if (value instanceof Double d) {
      json.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
    } else if (value instanceof Number) {
      json.append(value);
    } else {
      json.append(string(String.valueOf(value)));
    }
    json.append(',');
  }

  private static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
