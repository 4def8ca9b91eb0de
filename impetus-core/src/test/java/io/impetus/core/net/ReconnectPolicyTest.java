package io.impetus.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

  @Test
  void delaysDoubleFromAHundredMillisecondsToTwoSeconds() {
    ReconnectPolicy policy = ReconnectPolicy.forever();

    assertThat(IntStream.range(0, 8).mapToObj(policy::delay).map(Duration::toMillis))
        .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
    assertThat(policy.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void withoutAWindowItNeverGivesUp() {
    assertThat(ReconnectPolicy.forever().remaining(Duration.ofDays(365))).isEmpty();
  }

  @Test
  void withAWindowWhatRemainsShrinksToZero() {
    ReconnectPolicy policy = ReconnectPolicy.within(Duration.ofSeconds(10));

    assertThat(policy.remaining(Duration.ofSeconds(3))).hasValue(Duration.ofSeconds(7));
    assertThat(policy.remaining(Duration.ofSeconds(10))).hasValue(Duration.ZERO);
    assertThat(policy.remaining(Duration.ofSeconds(11))).hasValue(Duration.ZERO);
  }

  @Test
  void badValuesAreRefusedOnTheSpot() {
    assertThatThrownBy(() -> ReconnectPolicy.within(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the reconnect window must be positive, not PT0S");
    assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(3), Duration.ofSeconds(1),
        null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than the first");
  }
}
