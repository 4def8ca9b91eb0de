package io.impetus.client;

import java.util.List;

/**
 * Counts per stage: jobs each stage forked, jobs delivered to and processed by each, and the
 * exceptions each stage threw. Implementations are immutable snapshots.
 */
public interface Progress {

  /** The stages in declaration order. */
  List<String> stages();

  /** Jobs forked by {@code stage}. */
  long forked(String stage);

  /** Jobs processed by {@code stage}. */
  long processed(String stage);

  /** Exceptions thrown by {@code stage}. */
  long stageErrors(String stage);

  /**
   * The original's progress line: {@code thread: start 100/0 -> stage1 0/100 via stage1}, each
   * stage with forked/processed.
   *
   * @param via the stage that reports
   */
  String line(String via);
}
