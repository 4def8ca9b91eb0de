package io.impetus.client.internal.stage;

import io.impetus.client.internal.stage.ProgressBoard.Snapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Redraws a live {@link ProgressBar} in place on a terminal, at most once per redraw interval
 * (ten times a second). Each redraw starts with a carriage return and ends by clearing the rest
 * of the line ({@code ESC [K}), so that a line a stage printed meanwhile leaves the bar on the
 * next line and the bar recovers on the next redraw. The rate is over a sliding window of
 * processed jobs ({@link Throughput}). {@link #finish} draws the final bar, ends its line, and
 * prints the original's line, as {@link LineView} does last; later updates are ignored.
 * Thread-safe; time comes from an injected nano clock.
 */
final class BarView implements ProgressView {

  /** The least time between two redraws, but for the final one. */
  static final Duration REDRAW_INTERVAL = Duration.ofMillis(100);

  /** The window of the rate. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  /** Clears from the cursor to the end of the line. */
  static final String CLEAR_TO_END = "\u001b[K";

  private final PrintStream out;
  private final int columns;
  private final LongSupplier nanoTime;
  private final Throughput throughput;
  private long lastDrawn;
  private boolean drawnAny;
  private boolean finished;

  /** A bar on {@code out}, a terminal {@code columns} wide. */
  BarView(PrintStream out, int columns, LongSupplier nanoTime) {
    this.out = out;
    this.columns = columns;
    this.nanoTime = nanoTime;
    this.throughput = new Throughput(RATE_WINDOW, nanoTime);
  }

  /** Redraws the bar unless it was drawn less than a redraw interval ago. */
  @Override
  public synchronized void update(Snapshot progress, String via) {
    if (finished) {
      return;
    }
    throughput.record(progress.processedTotal());
    long now = nanoTime.getAsLong();
    if (drawnAny && now - lastDrawn < REDRAW_INTERVAL.toNanos()) {
      return;
    }
    out.print(draw(progress, via));
    out.flush();
    lastDrawn = now;
    drawnAny = true;
  }

  /** Draws the final bar with a line end, then prints the original's line. */
  @Override
  public synchronized void finish(Snapshot progress, String via) {
    if (finished) {
      return;
    }
    finished = true;
    throughput.record(progress.processedTotal());
    out.println(draw(progress, via));
    out.println(progress.line(via));
    out.flush();
  }

  private String draw(Snapshot progress, String via) {
    return '\r' + ProgressBar.line(progress, via, throughput.perSecond(), columns) + CLEAR_TO_END;
  }
}
