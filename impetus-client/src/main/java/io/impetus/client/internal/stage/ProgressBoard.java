package io.impetus.client.internal.stage;

import io.impetus.client.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live per-stage counts of one run: forked, processed and stage errors. Produces immutable
 * {@link Progress} snapshots, whose line shows the pipeline stages (startup and process) and any
 * other stage that has counts. Thread-safe; stage threads and the result router update it, and
 * the progress views read its snapshots.
 */
final class ProgressBoard {

  private final List<String> stages;
  private final Map<String, long[]> counts = new LinkedHashMap<>();

  ProgressBoard(List<String> stages) {
    this.stages = List.copyOf(stages);
    stages.forEach(stage -> counts.put(stage, new long[3]));
  }

  synchronized void forked(String stage, long n) {
    row(stage)[0] += n;
  }

  synchronized void processed(String stage, long n) {
    row(stage)[1] += n;
  }

  synchronized void stageError(String stage) {
    row(stage)[2]++;
  }

  private long[] row(String stage) {
    return counts.computeIfAbsent(stage, s -> new long[3]);
  }

  synchronized Snapshot snapshot() {
    Map<String, long[]> copy = new LinkedHashMap<>();
    counts.forEach((stage, row) -> copy.put(stage, row.clone()));
    return new Snapshot(stages, copy);
  }

  /**
   * An immutable copy of the counts, with the totals the progress bar shows. The arrays of
   * {@code counts} are never changed after the copy.
   */
  record Snapshot(List<String> stages, Map<String, long[]> counts) implements Progress {

    /** The stages the line shows, in order: the pipeline stages and any other with counts. */
    List<String> shown() {
      List<String> shown = new ArrayList<>();
      for (Map.Entry<String, long[]> row : counts.entrySet()) {
        if (stages.contains(row.getKey()) || row.getValue()[0] + row.getValue()[1] > 0) {
          shown.add(row.getKey());
        }
      }
      return shown;
    }

    /** Jobs forked by all stages. */
    long forkedTotal() {
      return total(0);
    }

    /** Jobs processed by all stages. */
    long processedTotal() {
      return total(1);
    }

    /** Exceptions thrown by all stages. */
    long stageErrorsTotal() {
      return total(2);
    }

    /** {@code ", 2 stage errors"} when stages threw, else nothing: what the views append. */
    String stageErrorsNote() {
      long errors = stageErrorsTotal();
      if (errors == 0) {
        return "";
      }
      return ", " + errors + (errors == 1 ? " stage error" : " stage errors");
    }

    private long total(int column) {
      long total = 0;
      for (long[] row : counts.values()) {
        total += row[column];
      }
      return total;
    }

    @Override
    public long forked(String stage) {
      return count(stage, 0);
    }

    @Override
    public long processed(String stage) {
      return count(stage, 1);
    }

    @Override
    public long stageErrors(String stage) {
      return count(stage, 2);
    }

    private long count(String stage, int column) {
      long[] row = counts.get(stage);
      return row == null ? 0 : row[column];
    }

    @Override
    public String line(String via) {
      StringBuilder line = new StringBuilder("thread: ");
      String separator = "";
      for (String stage : shown()) {
        line.append(separator).append(stage).append(' ').append(forked(stage)).append('/')
            .append(processed(stage));
        separator = " -> ";
      }
      return line.append(" via ").append(via).toString();
    }

    @Override
    public String toString() {
      return line(stages.isEmpty() ? "" : stages.get(stages.size() - 1));
    }
  }
}
