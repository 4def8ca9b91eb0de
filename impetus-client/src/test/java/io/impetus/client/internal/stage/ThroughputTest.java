package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Throughput throughput = new Throughput(Duration.ofSeconds(5), nanos::get);

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void rateIsUnknownUntilTwoNotesAreApart() {
    assertThat(throughput.perSecond()).isEmpty();

    throughput.record(10);
    assertThat(throughput.perSecond()).isEmpty();

    throughput.record(20);
    assertThat(throughput.perSecond()).isEmpty();
  }

  @Test
  void rateIsTheGrowthOverTheTimeBetweenNotes() {
    throughput.record(0);
    advance(Duration.ofMillis(500));
    throughput.record(50);
    advance(Duration.ofMillis(1500));
    throughput.record(300);

    assertThat(throughput.perSecond()).hasValue(150.0);
  }

  @Test
  void rateForgetsGrowthBeforeTheWindow() {
    throughput.record(0);
    advance(Duration.ofSeconds(1));
    throughput.record(1000);
    for (int second = 2; second <= 10; second++) {
      advance(Duration.ofSeconds(1));
      throughput.record(1000 + 100 * (second - 1));
    }

    assertThat(throughput.perSecond()).hasValue(100.0);
  }

  @Test
  void aStalledCountHasRateZero() {
    throughput.record(0);
    advance(Duration.ofSeconds(1));
    throughput.record(500);
    for (int second = 0; second < 6; second++) {
      advance(Duration.ofSeconds(1));
      throughput.record(500);
    }

    assertThat(throughput.perSecond()).hasValue(0.0);
  }

  @Test
  void notesCloserThanTheResolutionAreMergedWithoutLosingTheRate() {
    for (int millis = 0; millis <= 20_000; millis++) {
      throughput.record(2L * millis);
      advance(Duration.ofMillis(1));
    }

    assertThat(throughput.perSecond().getAsDouble()).isCloseTo(2000.0, within(1e-6));
  }

  @Test
  void theWindowMustBePositive() {
    assertThatThrownBy(() -> new Throughput(Duration.ZERO, nanos::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
  }
}
