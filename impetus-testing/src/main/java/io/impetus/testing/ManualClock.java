package io.impetus.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test moves it, in UTC, to the millisecond: the one fake clock of
 * the project's tests. Thread-safe: any thread may read it while the test thread advances it.
 * Subclasses may add timers that fire as it advances ({@link #advanceTo}).
 */
public class ManualClock extends Clock {

  /** Where a clock created without a start begins: an arbitrary fixed instant. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicLong millis;

  /** A clock at {@link #DEFAULT_START}. */
  public ManualClock() {
    this(DEFAULT_START);
  }

  /** A clock at {@code start}. */
  public ManualClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /** Moves the clock {@code duration} forward. */
  public void advance(Duration duration) {
    advanceMillis(duration.toMillis());
  }

  /** Moves the clock {@code delta} milliseconds forward. */
  public void advanceMillis(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("a clock does not go back: " + delta + " ms");
    }
    advanceTo(millis.get() + delta);
  }

  /** Sets the clock to {@code epochMillis}, which is not before its time. */
  protected void advanceTo(long epochMillis) {
    millis.accumulateAndGet(epochMillis, Math::max);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock: it is always in UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
