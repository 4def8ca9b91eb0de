package io.impetus.client.internal.stage;

import io.impetus.client.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Prints progress lines at a bounded rate: at most one per interval, plus the final one.
 * Thread-safe.
 */
final class ProgressPrinter {

  private final PrintStream out;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long lastPrinted;
  private boolean printedAny;

  ProgressPrinter(PrintStream out, Duration interval, LongSupplier nanoTime) {
    this.out = out;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Prints the line unless one was printed less than an interval ago. */
  synchronized void maybePrint(Progress progress, String via) {
    long now = nanoTime.getAsLong();
    if (printedAny && now - lastPrinted < intervalNanos) {
      return;
    }
    print(progress, via);
  }

  /** Prints the line. */
  synchronized void print(Progress progress, String via) {
    out.println(progress.line(via));
    out.flush();
    lastPrinted = nanoTime.getAsLong();
    printedAny = true;
  }
}
