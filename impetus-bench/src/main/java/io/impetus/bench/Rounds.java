package io.impetus.bench;

import java.util.Locale;
import java.util.Map;

/**
 * A workload's definition, the same on every peer: the jobs it submits to a {@link Lane}, its
 * runs (the warm-up ones, then the measured ones, all on the same lane so that measured runs find
 * it warm) and its figures, medians over the measured runs. A peer runs it once, on one lane, by
 * one thread; {@link #figures()} is read after that.
 */
interface Rounds {

  /** Its short name, e.g. {@code w1}: Impetus names the client and its stream after it. */
  String name();

  /** Runs the warm-up and measured runs on {@code lane}. */
  void run(Lane lane) throws InterruptedException;

  /** The figures of the measured runs. */
  Map<String, Object> figures();

  /** Tells standard error how run {@code run} went (a negative run is a warm-up). */
  static void progress(int run, String figures) {
    System.err.printf(Locale.ROOT, "  %s: %s%n", run < 0 ? "warm-up" : "run " + (run + 1),
        figures);
  }
}
