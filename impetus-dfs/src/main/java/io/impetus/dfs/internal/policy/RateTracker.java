package io.impetus.dfs.internal.policy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Turns one stream's cumulative counters, observed at successive ticks, into rates: jobs
 * submitted per second and jobs completed per second over the rate window, and the mean run time
 * of the jobs completed over the (longer) mean window: the difference of the cumulative run time
 * over the difference of the completions. A window's base is the newest observation at least a
 * window old (or the oldest one, early on), so a figure covers one window once there is that much
 * history. The mean window is longer because the jobs that finish last in a burst are its longest
 * ones: a short window would take them for the norm. The mean keeps its last value through
 * windows in which nothing completed; it is 0 until a job has.
 *
 * <p>Counters that go down (the stream was deleted and made again, the queue lost its data)
 * start the history afresh. Time must not go backwards ({@link IllegalArgumentException}). Not
 * thread-safe: one tracker per stream, fed by the DFS loop's thread.
 */
public final class RateTracker {

  private final long rateWindowMillis;
  private final long meanWindowMillis;
  private final Deque<Observation> history = new ArrayDeque<>();
  private double meanJobSeconds;

  /**
   * A tracker.
   *
   * @param rateWindow the window of the arrival and completion rates
   * @param meanWindow the window of the mean job duration, at least the rate window
   */
  public RateTracker(Duration rateWindow, Duration meanWindow) {
    if (rateWindow.isNegative() || rateWindow.isZero() || meanWindow.compareTo(rateWindow) < 0) {
      throw new IllegalArgumentException("the rate window must be more than zero and the mean"
          + " window at least as long, not " + rateWindow + " and " + meanWindow);
    }
    this.rateWindowMillis = rateWindow.toMillis();
    this.meanWindowMillis = meanWindow.toMillis();
  }

  /**
   * Adds an observation and returns the rates it gives.
   *
   * @param nowMillis the observation's time
   * @param submitted jobs ever submitted to the stream
   * @param completed jobs of the stream ever completed
   * @param completedRunMillis the summed run time of those completed jobs, in milliseconds
   * @return the rates over the windows ending now
   */
  public Rates observe(long nowMillis, long submitted, long completed, long completedRunMillis) {
    Observation last = history.peekLast();
    if (last != null) {
      if (nowMillis < last.millis()) {
        throw new IllegalArgumentException("time went backwards: " + nowMillis + " after "
            + last.millis());
      }
      if (submitted < last.submitted() || completed < last.completed()
          || completedRunMillis < last.runMillis()) {
        history.clear();
      }
    }
    Observation now = new Observation(nowMillis, submitted, completed, completedRunMillis);
    history.addLast(now);
    while (history.size() > 2 && second().millis() <= nowMillis - meanWindowMillis) {
      history.removeFirst();
    }
    Observation meanBase = history.peekFirst();
    if (completed > meanBase.completed()) {
      meanJobSeconds = (completedRunMillis - meanBase.runMillis()) / 1000.0
          / (completed - meanBase.completed());
    }
    Observation base = base(nowMillis - rateWindowMillis);
    long elapsed = nowMillis - base.millis();
    if (elapsed <= 0) {
      return new Rates(0, 0, meanJobSeconds);
    }
    double seconds = elapsed / 1000.0;
    return new Rates((submitted - base.submitted()) / seconds,
        (completed - base.completed()) / seconds, meanJobSeconds);
  }

  /** The newest observation at or before {@code millis}, else the oldest. */
  private Observation base(long millis) {
    Observation base = history.peekFirst();
    for (Observation observation : history) {
      if (observation.millis() > millis) {
        break;
      }
      base = observation;
    }
    return base;
  }

  private Observation second() {
    Iterator<Observation> iterator = history.iterator();
    iterator.next();
    return iterator.next();
  }

  /**
   * A stream's rates.
   *
   * @param arrivalRate jobs submitted per second over the rate window
   * @param completionRate jobs completed per second over the rate window
   * @param meanJobSeconds mean run time of the jobs completed over the mean window (or the last
   *     one that had any), in seconds; 0 until one has completed
   */
  public record Rates(double arrivalRate, double completionRate, double meanJobSeconds) {}

  /**
   * The counters at one tick.
   *
   * @param millis the tick's time
   * @param submitted jobs ever submitted
   * @param completed jobs ever completed
   * @param runMillis the summed run time of the completed jobs
   */
  private record Observation(long millis, long submitted, long completed, long runMillis) {}
}
