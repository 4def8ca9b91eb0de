package io.impetus.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SyntheticTrace}: each shape as documented, the same for the same seed. */
class SyntheticTraceTest {

  @Test
  void aSeedGivesTheSameJobsAndAnotherSeedOthers() {
    for (SyntheticTrace shape : SyntheticTrace.values()) {
      assertThat(shape.generate(42)).isEqualTo(shape.generate(42));
      assertThat(shape.generate(42).jobs()).isNotEqualTo(shape.generate(43).jobs());
      assertThat(shape.generate(42).name()).isEqualTo(shape.label());
    }
  }

  @Test
  void steadyArrivesAtAboutOneAndAHalfJobsASecondForAnHour() {
    List<TraceJob> jobs = SyntheticTrace.STEADY.generate(1).jobs();

    assertThat(jobs.size()).isBetween(5100, 5700);
    assertThat(jobs.get(jobs.size() - 1).arrivalMillis()).isLessThan(3_600_000);
    assertThat(meanSeconds(jobs)).isBetween(19.0, 21.0);
  }

  @Test
  void burstyIsEightBurstsOfFourHundredJobsWithinAMinuteAndNothingBetween() {
    List<TraceJob> jobs = SyntheticTrace.BURSTY.generate(1).jobs();

    assertThat(jobs).hasSize(3200);
    for (TraceJob job : jobs) {
      long intoPeriod = (job.arrivalMillis() - 60_000) % 900_000;
      assertThat(intoPeriod).isBetween(0L, 60_000L);
      assertThat(job.durationMillis()).isBetween(10_000L, 50_000L);
    }
  }

  @Test
  void diurnalPeaksAtOneAndThreeHoursAndIsQuietAtTheEnds() {
    List<TraceJob> jobs = SyntheticTrace.DIURNAL.generate(1).jobs();

    long quiet = jobs.stream().filter(j -> j.arrivalMillis() < 600_000).count();
    long peak = jobs.stream()
        .filter(j -> Math.abs(j.arrivalMillis() - 3_600_000) < 300_000).count();
    assertThat(quiet).isLessThan(200);
    assertThat(peak).isGreaterThan(1000); // about 2/s for 10 minutes
    assertThat(meanSeconds(jobs)).isBetween(28.0, 32.0);
  }

  @Test
  void spikeSubmitsTwoThousandJobsAtOnceAtTwentyMinutes() {
    List<TraceJob> jobs = SyntheticTrace.SPIKE.generate(1).jobs();

    assertThat(jobs.stream().filter(j -> j.arrivalMillis() == 1_200_000).count())
        .isGreaterThanOrEqualTo(2000);
    assertThat(jobs).allSatisfy(j -> assertThat(j.durationMillis()).isBetween(5000L, 25_000L));
  }

  private static double meanSeconds(List<TraceJob> jobs) {
    return jobs.stream().mapToLong(TraceJob::durationMillis).average().orElseThrow() / 1000;
  }
}
