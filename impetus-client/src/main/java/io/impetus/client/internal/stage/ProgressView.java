package io.impetus.client.internal.stage;

import io.impetus.client.internal.stage.ProgressBoard.Snapshot;

/**
 * Shows the progress of a run on standard output: {@link LineView} prints the original's lines,
 * {@link BarView} redraws a live bar, and {@link ProgressMode} picks one. {@link ClientRun} calls
 * {@link #update} from stage threads and the result router whenever counts change (after a stage
 * processed a batch, when a startup stage returns) and {@link #finish} once, when every job has
 * been processed. Implementations are thread-safe and decide themselves how often to print.
 */
interface ProgressView {

  /**
   * The counts changed; the view may show them now or skip them.
   *
   * @param via the stage that reports
   */
  void update(Snapshot progress, String via);

  /**
   * The run's stages are done: shows the final counts, ending with the original's line.
   *
   * @param via the last pipeline stage
   */
  void finish(Snapshot progress, String via);
}
