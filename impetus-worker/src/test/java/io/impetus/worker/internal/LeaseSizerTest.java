package io.impetus.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many jobs a worker leases at once. */
class LeaseSizerTest {

  private final LeaseSizer sizer = new LeaseSizer();

  @Test
  void freshWorkerLeasesOne() {
    assertThat(sizer.next(LeaseSizer.MOST)).isEqualTo(1);
  }

  @Test
  void shortJobsGoInFullBatchesUpToTheLimitGiven() {
    sizer.ran(1, 1_000);

    assertThat(sizer.next(LeaseSizer.MOST)).isEqualTo(LeaseSizer.MOST);
    assertThat(sizer.next(3)).isEqualTo(3);
  }

  @Test
  void batchHoldsAboutTheTargetTimeOfWork() {
    sizer.ran(4, 4 * LeaseSizer.TARGET_NANOS / 4);

    assertThat(sizer.next(LeaseSizer.MOST)).isEqualTo(4);
  }

  @Test
  void longJobsGoOneAtATime() {
    sizer.ran(2, 2 * LeaseSizer.TARGET_NANOS * 5);

    assertThat(sizer.next(LeaseSizer.MOST)).isEqualTo(1);
  }

  @Test
  void onlyShortJobsAreLeasedAheadOfTheirWorker() {
    assertThat(sizer.shortJobs()).as("before any job ran").isFalse();

    sizer.ran(10, 10 * LeaseSizer.SHORT_JOB_NANOS - 1);
    assertThat(sizer.shortJobs()).isTrue();

    sizer.ran(1, 2 * LeaseSizer.SHORT_JOB_NANOS);
    assertThat(sizer.shortJobs()).isFalse();
  }
}
