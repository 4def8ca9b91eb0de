package io.impetus.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats results as a table whose rows are Markdown table rows, columns padded to line up.
 * Stateless.
 */
public final class ResultTable {

  private static final List<String> HEADER = List.of("policy", "trace", "jobs", "node-s",
      "bound", "ratio", "boot", "idle", "p50 wait", "p95 wait", "peak", "starts", "drains",
      "interrupted");

  private ResultTable() {}

  /** The table: a header, a separator and one row per result, each line ending in a newline. */
  public static String format(List<SimulationResult> results) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (SimulationResult r : results) {
      rows.add(List.of(r.policy(), r.trace() + (r.unfinished() > 0
              ? " (" + r.unfinished() + " unfinished)" : ""), Integer.toString(r.jobs()),
          number(r.nodeSeconds()), number(r.boundNodeSeconds()),
          String.format(Locale.ROOT, "%.2f", r.costRatio()), number(r.bootNodeSeconds()),
          number(r.idleNodeSeconds()), seconds(r.waits().p50Seconds()),
          seconds(r.waits().p95Seconds()), Integer.toString(r.peakNodes()),
          Integer.toString(r.starts()), Integer.toString(r.drains()),
          Integer.toString(r.interrupted())));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      line(text, rows.get(r), widths);
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
          rule.add("-".repeat(width));
        }
        line(text, rule, widths);
      }
    }
    return text.toString();
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths) {
    text.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      boolean left = i < 2;
      String pad = " ".repeat(widths[i] - cell.length());
      text.append(' ').append(left ? cell + pad : pad + cell).append(" |");
    }
    text.append('\n');
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.1f s", value);
  }
}
