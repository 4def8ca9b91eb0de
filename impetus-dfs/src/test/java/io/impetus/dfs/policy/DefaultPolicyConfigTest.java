package io.impetus.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DefaultPolicyConfig}: defaults, and bad values named on the spot. */
class DefaultPolicyConfigTest {

  @Test
  void defaultsScaleToZeroWithinTenNodesWithoutBillingAwareness() {
    DefaultPolicyConfig config = DefaultPolicyConfig.defaults();

    assertThat(config.minNodes()).isZero();
    assertThat(config.maxNodes()).isEqualTo(10);
    assertThat(config.billingAware()).isFalse();
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void badValuesAreRejectedWithTheirNameAndValue() {
    assertThatThrownBy(() -> DefaultPolicyConfig.builder().minNodes(5).maxNodes(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNodes must be at least 1 and at least minNodes (5), not 3");
    assertThatThrownBy(() -> DefaultPolicyConfig.builder().slotsPerNode(0).build())
        .hasMessage("slotsPerNode must be at least 1, not 0");
    assertThatThrownBy(() -> DefaultPolicyConfig.builder().drainTarget(Duration.ZERO).build())
        .hasMessage("drainTarget must be more than zero, not PT0S");
    assertThatThrownBy(() -> DefaultPolicyConfig.builder().hysteresis(1.5).build())
        .hasMessage("hysteresis must be between 0 and 1, not 1.5");
    assertThatThrownBy(() -> DefaultPolicyConfig.builder().idleTime(Duration.ofSeconds(-1))
        .build()).hasMessage("idleTime must not be negative, not PT-1S");
    assertThatThrownBy(() -> DefaultPolicyConfig.builder().billingPeriod(Duration.ofMinutes(10))
        .retireWindow(Duration.ofMinutes(20)).build())
        .hasMessage("retireWindow must be more than zero and at most the billing period PT10M,"
            + " not PT20M");
  }
}
