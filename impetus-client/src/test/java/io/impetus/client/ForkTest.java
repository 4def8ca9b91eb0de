package io.impetus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForkTest {

  @Test
  void eachOptionReturnsANewInstanceWithTheOthersKept() {
    Fork base = Fork.callback("stage2").priority(5);
    Fork options = base.delay(Duration.ofSeconds(1)).maxAttempts(2)
        .timeout(Duration.ofMinutes(2)).property("batch", "7").property("owner", "me");

    assertThat(options.callback()).isEqualTo("stage2");
    assertThat(options.priority()).isEqualTo(5);
    assertThat(options.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.maxAttempts()).hasValue(2);
    assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.properties()).containsOnly(
        entry("batch", "7"),
        entry("owner", "me"));
    assertThat(base.maxAttempts()).isEmpty();
    assertThat(base.timeout()).isNull();
    assertThat(base.properties()).isEmpty();
  }

  @Test
  void settingAPropertyAgainReplacesItsValue() {
    assertThat(Fork.defaults().property("k", "1").property("k", "2").properties())
        .containsExactly(entry("k", "2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "name", "status", "created", "args", "delay", "priority",
      "callback", "client", "result", "code", "node", "worker", "attempts", "started",
      "finished", "timelimit", "maxattempts"})
  void propertyThatCollidesWithARecordFieldOrAnImpetusKeyIsRefused(String key) {
    assertThatThrownBy(() -> Fork.defaults().property(key, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("property key '" + key + "' is reserved: the job's record has a"
            + " field of that name or Impetus reads it (reserved: args, attempts, callback,");
  }

  @Test
  void invalidValuesAreRefusedOnTheSpot() {
    assertThatThrownBy(() -> Fork.defaults().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1, not 0");
    assertThatThrownBy(() -> Fork.defaults().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, not PT0S");
    assertThatThrownBy(() -> Fork.defaults().delay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay must not be negative, not PT-1S");
    assertThatThrownBy(() -> Fork.defaults().property(" ", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property key must not be blank");
    assertThatThrownBy(() -> Fork.callback(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callback stage name must not be blank");
  }
}
