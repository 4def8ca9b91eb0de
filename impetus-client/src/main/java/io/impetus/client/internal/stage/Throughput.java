package io.impetus.client.internal.stage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The rate at which a running count grows, over a sliding window: {@link #record} notes the
 * count at the clock's current time, {@link #perSecond} divides the growth since the oldest note
 * in the window by the time between the two. The note just before the window is kept as its
 * start, so a rate exists as soon as two notes are some time apart. Notes closer together than a
 * fiftieth of the window are merged, which bounds the memory however often it is called. Time
 * comes from an injected nano clock. Not thread-safe: {@link BarView} calls it under its lock.
 */
final class Throughput {

  private static final int RESOLUTION = 50;

  private final long windowNanos;
  private final long resolutionNanos;
  private final LongSupplier nanoTime;
  private final Deque<long[]> notes = new ArrayDeque<>();

  /**
   * A rate over {@code window}, timed by {@code nanoTime}.
   *
   * @throws IllegalArgumentException when {@code window} is not positive
   */
  Throughput(Duration window, LongSupplier nanoTime) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the window must be positive, not " + window);
    }
    this.windowNanos = window.toNanos();
    this.resolutionNanos = windowNanos / RESOLUTION;
    this.nanoTime = nanoTime;
  }

  /** Notes that the count is {@code count} now. */
  void record(long count) {
    long now = nanoTime.getAsLong();
    long[] last = notes.pollLast();
    if (last != null) {
      long[] previous = notes.peekLast();
      if (previous == null || last[0] - previous[0] >= resolutionNanos) {
        notes.addLast(last);
      }
    }
    notes.addLast(new long[] {now, count});
    long start = now - windowNanos;
    while (notes.size() > 1) {
      long[] first = notes.pollFirst();
      if (notes.peekFirst()[0] > start) {
        notes.addFirst(first);
        break;
      }
    }
  }

  /** The growth per second over the window, or empty before two notes some time apart. */
  OptionalDouble perSecond() {
    if (notes.size() < 2) {
      return OptionalDouble.empty();
    }
    long[] first = notes.peekFirst();
    long[] last = notes.peekLast();
    long nanos = last[0] - first[0];
    if (nanos <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((last[1] - first[1]) * 1e9 / nanos);
  }
}
