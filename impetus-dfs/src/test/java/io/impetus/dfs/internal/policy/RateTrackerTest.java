package io.impetus.dfs.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link RateTracker}: rates and mean duration from cumulative counters. */
class RateTrackerTest {

  private final RateTracker tracker =
      new RateTracker(Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void hasNoRateFromOneObservation() {
    assertThat(tracker.observe(0, 50, 10, 20_000))
        .isEqualTo(new RateTracker.Rates(0, 0, 0));
  }

  @Test
  void ratesCoverTheWindowOnceThereIsThatMuchHistory() {
    for (int t = 0; t <= 30; t++) {
      // 3 submitted and 2 completed per second, each completed job having run 4 s
      tracker.observe(t * 1000L, 3L * t, 2L * t, 8000L * t);
    }
    RateTracker.Rates rates = tracker.observe(31_000, 93 + 30, 62, 248_000);

    assertThat(rates.arrivalRate()).isCloseTo((123 - 63) / 10.0, within(1e-9));
    assertThat(rates.completionRate()).isCloseTo(2.0, within(1e-9));
    assertThat(rates.meanJobSeconds()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void earlyRatesCoverTheHistoryThereIs() {
    tracker.observe(0, 0, 0, 0);
    RateTracker.Rates rates = tracker.observe(4000, 8, 2, 3000);

    assertThat(rates.arrivalRate()).isEqualTo(2.0);
    assertThat(rates.completionRate()).isEqualTo(0.5);
    assertThat(rates.meanJobSeconds()).isEqualTo(1.5);
  }

  @Test
  void meanUsesTheLongerWindowAndIsKeptWhenNothingCompletes() {
    tracker.observe(0, 0, 0, 0);
    tracker.observe(1000, 10, 10, 10_000); // ten jobs of 1 s
    tracker.observe(20_000, 10, 11, 60_000); // one job of 50 s, 19 s later
    RateTracker.Rates rates = tracker.observe(25_000, 10, 11, 60_000);

    // the rate window's base is the observation at 1 s, the newest at least 10 s old
    assertThat(rates.completionRate()).isCloseTo(1 / 24.0, within(1e-9));
    assertThat(rates.meanJobSeconds()).isCloseTo(60.0 / 11, within(1e-9));
    rates = tracker.observe(100_000, 10, 11, 60_000);
    assertThat(rates.completionRate()).isZero();
    assertThat(rates.meanJobSeconds()).isCloseTo(60.0 / 11, within(1e-9));
  }

  @Test
  void countersThatGoDownStartAfresh() {
    tracker.observe(0, 100, 100, 100_000);
    tracker.observe(1000, 200, 150, 150_000);
    RateTracker.Rates rates = tracker.observe(2000, 5, 0, 0);

    assertThat(rates.arrivalRate()).isZero();
    assertThat(tracker.observe(3000, 9, 0, 0).arrivalRate()).isEqualTo(4.0);
  }

  @Test
  void timeMustNotGoBackwards() {
    tracker.observe(5000, 0, 0, 0);

    assertThatThrownBy(() -> tracker.observe(4000, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time went backwards: 4000 after 5000");
  }

  @Test
  void theMeanWindowMayNotBeShorterThanTheRateWindow() {
    assertThatThrownBy(() -> new RateTracker(Duration.ofSeconds(10), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
