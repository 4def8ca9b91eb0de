package io.impetus.worker.internal;

import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a worker leaves for reasons of time: it waited {@code idle} ms for a job (the stream's
 * {@code timeout}), or it has lived {@code maxAge} ms (the stream's {@code maxage}, 0 for no
 * limit). Reads time from the ticker it is given, milliseconds that only go forward (the worker's:
 * {@link System#nanoTime()} in ms; a test's: a manual clock). Not thread-safe: the worker's main
 * thread keeps it.
 */
final class Lifetime {

  private final LongSupplier millis;
  private final long idleMillis;
  private final long maxAgeMillis;
  private final long born;
  private long idleDeadline;

  Lifetime(LongSupplier millis, long idleMillis, long maxAgeMillis) {
    this.millis = millis;
    this.idleMillis = idleMillis;
    this.maxAgeMillis = maxAgeMillis;
    this.born = millis.getAsLong();
    this.idleDeadline = born + idleMillis;
  }

  /** The worker's ticker: {@link System#nanoTime()} in milliseconds. */
  static LongSupplier systemTicker() {
    return () -> System.nanoTime() / 1_000_000;
  }

  /** The worker has just run jobs: its idle time starts again. */
  void worked() {
    idleDeadline = millis.getAsLong() + idleMillis;
  }

  /** Why the worker leaves for want of jobs, or null while it may still wait for one. */
  @Nullable String idle() {
    return millis.getAsLong() >= idleDeadline ? "idle for " + idleMillis + " ms" : null;
  }

  /**
   * How long a lease request may wait for jobs: until the idle time runs out, at most {@code
   * longest} ms, and never less than 0.
   */
  long leaseWait(long longest) {
    return Math.max(0, Math.min(longest, idleDeadline - millis.getAsLong()));
  }

  /** Why the worker leaves for its age, or null while it may go on. */
  @Nullable String tooOld() {
    return maxAgeMillis > 0 && millis.getAsLong() - born >= maxAgeMillis
        ? "it is " + maxAgeMillis / 1000.0 + " s old (maxage)" : null;
  }
}
