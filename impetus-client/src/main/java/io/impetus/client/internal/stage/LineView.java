package io.impetus.client.internal.stage;

import io.impetus.client.internal.stage.ProgressBoard.Snapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Prints the original's progress lines ({@code thread: start 100/0 -> stage1 0/100 via stage1})
 * at a bounded rate: at most one per interval, plus the final one; when stages threw, the line
 * ends with their count as the bar shows it ({@code , 2 stage errors}). The view for output that
 * is not a terminal. Thread-safe.
 */
final class LineView implements ProgressView {

  /** The least time between two lines, but for the final one. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final PrintStream out;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long lastPrinted;
  private boolean printedAny;

  LineView(PrintStream out, Duration interval, LongSupplier nanoTime) {
    this.out = out;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Prints the line unless one was printed less than an interval ago. */
  @Override
  public synchronized void update(Snapshot progress, String via) {
    long now = nanoTime.getAsLong();
    if (printedAny && now - lastPrinted < intervalNanos) {
      return;
    }
    print(progress, via);
  }

  /** Prints the line. */
  @Override
  public synchronized void finish(Snapshot progress, String via) {
    print(progress, via);
  }

  private void print(Snapshot progress, String via) {
    out.println(progress.line(via) + progress.stageErrorsNote());
    out.flush();
    lastPrinted = nanoTime.getAsLong();
    printedAny = true;
  }
}
