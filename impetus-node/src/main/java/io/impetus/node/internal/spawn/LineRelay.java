package io.impetus.node.internal.spawn;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes the lines of workers' output on to the node's log (a file, or the node's standard
 * output), whole lines only and a burst of them in one write: a worker that runs many short jobs
 * writes two lines per job, and one write per line would cost the node a system call each.
 * {@link #add} keeps a line; {@link #flush} writes what was kept, and runs by itself once
 * {@link #BURST_BYTES} have gathered.
 *
 * <p>Thread-safe: the reader threads of all the node's workers share one relay.
 */
public final class LineRelay {

  /** How many bytes of lines are kept at most before they are written. */
  static final int BURST_BYTES = 64 * 1024;

  private final PrintStream target;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream(BURST_BYTES);

  /** A relay into {@code target}. */
  public LineRelay(PrintStream target) {
    this.target = target;
  }

  /** Keeps {@code line} (without its line end) for the next write. */
  public synchronized void add(String line) {
    kept.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    kept.write('\n');
    if (kept.size() >= BURST_BYTES) {
      flush();
    }
  }

  /** Writes the lines kept. */
  public synchronized void flush() {
    if (kept.size() > 0) {
      target.write(kept.toByteArray(), 0, kept.size());
      target.flush();
      kept.reset();
    }
  }
}
