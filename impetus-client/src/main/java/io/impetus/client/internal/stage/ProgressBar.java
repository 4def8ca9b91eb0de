package io.impetus.client.internal.stage;

import io.impetus.client.internal.stage.ProgressBoard.Snapshot;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Formats the live progress bar, one line that fits the terminal:
 * {@code stage1 [#########.........] 450/1000  45% 123.4 jobs/s ETA 0:04 | start 1000/0 stage1
 * 0/450}. The total is the jobs forked so far by all stages (or the jobs processed, when a
 * re-attached run processes more than it forked), done is the jobs processed so far; the ETA is
 * the remaining jobs over the rate. Stage errors, when there are any, follow the ETA; the stages'
 * own counts come last and are cut first when the line is too long. Pure functions, no state.
 */
final class ProgressBar {

  /** The narrowest bar; below this the line is cut instead. */
  static final int MIN_BAR = 10;

  /** The widest bar. */
  static final int MAX_BAR = 40;

  /** The ETA when the rate is unknown, zero, or the ETA is 100 hours or more. */
  static final String UNKNOWN_ETA = "--:--";

  private static final long MAX_ETA_SECONDS = 100 * 3600L;

  private ProgressBar() {}

  /**
   * The bar line for {@code progress}, reported by {@code via}, at most {@code columns - 1}
   * characters long (so that the terminal never wraps it).
   *
   * @param perSecond the jobs processed per second, empty when unknown
   */
  static String line(Snapshot progress, String via, OptionalDouble perSecond, int columns) {
    long done = progress.processedTotal();
    long total = Math.max(progress.forkedTotal(), done);
    StringBuilder stats = new StringBuilder()
        .append(' ').append(done).append('/').append(total)
        .append(String.format(Locale.ROOT, " %3d%% ", percent(done, total)))
        .append(rate(perSecond)).append(" ETA ").append(eta(total - done, perSecond));
    stats.append(progress.stageErrorsNote());
    StringBuilder stages = new StringBuilder(" |");
    for (String stage : progress.shown()) {
      stages.append(' ').append(stage).append(' ').append(progress.forked(stage)).append('/')
          .append(progress.processed(stage));
    }
    int max = Math.max(1, columns - 1);
    int room = max - via.length() - " []".length() - stats.length() - stages.length();
    int width = Math.min(MAX_BAR, Math.max(MIN_BAR, room));
    String line = via + " [" + bar(done, total, width) + "]" + stats + stages;
    return line.length() <= max ? line : line.substring(0, max);
  }

  /** {@code width} characters, {@code #} for the share done and {@code .} for the rest. */
  static String bar(long done, long total, int width) {
    int filled = total == 0 ? 0 : (int) Math.min(width, done * width / total);
    return "#".repeat(filled) + ".".repeat(width - filled);
  }

  /** The whole percentage done, 0 when there is nothing to do, at most 100. */
  static int percent(long done, long total) {
    return total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
  }

  /** The rate with one decimal, {@code 123.4 jobs/s}, or {@code -- jobs/s} when unknown. */
  static String rate(OptionalDouble perSecond) {
    return perSecond.isPresent()
        ? String.format(Locale.ROOT, "%.1f jobs/s", perSecond.getAsDouble())
        : "-- jobs/s";
  }

  /**
   * The time left for {@code remaining} jobs at the rate, rounded up: {@code m:ss}, or
   * {@code h:mm:ss} from an hour on; {@value #UNKNOWN_ETA} when it cannot be told.
   */
  static String eta(long remaining, OptionalDouble perSecond) {
    if (remaining <= 0) {
      return duration(0);
    }
    if (perSecond.isEmpty() || !(perSecond.getAsDouble() > 0)) {
      return UNKNOWN_ETA;
    }
    double seconds = Math.ceil(remaining / perSecond.getAsDouble());
    return seconds >= MAX_ETA_SECONDS ? UNKNOWN_ETA : duration((long) seconds);
  }

  /** {@code seconds} as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String duration(long seconds) {
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    long rest = seconds % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
        : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
  }
}
