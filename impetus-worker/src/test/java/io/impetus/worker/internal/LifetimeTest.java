package io.impetus.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifetimeTest {

  private final ManualClock clock = new ManualClock();

  @Test
  void aWorkerWithoutJobsLeavesOnceItsIdleTimeRunsOut() {
    Lifetime lifetime = new Lifetime(clock::millis, 15_000, 0);
    clock.advance(Duration.ofMillis(14_999));
    assertThat(lifetime.idle()).isNull();

    clock.advanceMillis(1);

    assertThat(lifetime.idle()).isEqualTo("idle for 15000 ms");
  }

  @Test
  void workStartsTheIdleTimeAgain() {
    Lifetime lifetime = new Lifetime(clock::millis, 15_000, 0);
    clock.advance(Duration.ofSeconds(10));

    lifetime.worked();
    clock.advance(Duration.ofSeconds(10));

    assertThat(lifetime.idle()).isNull();
    assertThat(lifetime.leaseWait(30_000)).isEqualTo(5_000);
  }

  @Test
  void aLeaseWaitsAtMostTheLongestAndNeverLessThanNothing() {
    Lifetime lifetime = new Lifetime(clock::millis, 60_000, 0);
    assertThat(lifetime.leaseWait(30_000)).isEqualTo(30_000);

    clock.advance(Duration.ofMinutes(2));

    assertThat(lifetime.leaseWait(30_000)).isZero();
  }

  @Test
  void aWorkerLeavesAtItsMaxAgeWhateverItsWork() {
    Lifetime lifetime = new Lifetime(clock::millis, 15_000, 60_000);
    clock.advance(Duration.ofSeconds(59));
    lifetime.worked();
    assertThat(lifetime.tooOld()).isNull();

    clock.advance(Duration.ofSeconds(1));

    assertThat(lifetime.tooOld()).isEqualTo("it is 60.0 s old (maxage)");
  }

  @Test
  void withoutAMaxAgeAWorkerIsNeverTooOld() {
    Lifetime lifetime = new Lifetime(clock::millis, 15_000, 0);

    clock.advance(Duration.ofDays(3));

    assertThat(lifetime.tooOld()).isNull();
  }
}
