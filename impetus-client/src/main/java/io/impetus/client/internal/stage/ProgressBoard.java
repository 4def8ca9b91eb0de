package io.impetus.client.internal.stage;

import io.impetus.client.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live per-stage counts of one run: forked, processed and stage errors. Produces immutable
 * {@link Progress} snapshots, whose line shows the pipeline stages (startup and process) and any
 * other stage that has counts. Thread-safe.
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

  synchronized Progress snapshot() {
    Map<String, long[]> copy = new LinkedHashMap<>();
    counts.forEach((stage, row) -> copy.put(stage, row.clone()));
    return new Snapshot(stages, copy);
  }

  /** An immutable copy of the counts. */
  private record Snapshot(List<String> stages, Map<String, long[]> counts) implements Progress {

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
      for (Map.Entry<String, long[]> row : counts.entrySet()) {
        String stage = row.getKey();
        if (stages.contains(stage) || row.getValue()[0] + row.getValue()[1] > 0) {
          line.append(separator).append(stage).append(' ').append(forked(stage)).append('/')
              .append(processed(stage));
          separator = " -> ";
        }
      }
      return line.append(" via ").append(via).toString();
    }

    @Override
    public String toString() {
      return line(stages.isEmpty() ? "" : stages.get(stages.size() - 1));
    }
  }
}
