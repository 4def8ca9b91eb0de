package io.impetus.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPropertiesTest {

  @Test
  void mssIsOptional() {
    assertThat(StreamProperties.parse(Map.of()).mss()).isEmpty();
  }

  @Test
  void mssIsAPositiveInteger() {
    StreamProperties properties = StreamProperties.parse(Map.of("mss", " 500 "));

    assertThat(properties.mss()).hasValue(500);
    assertThat(properties.values()).containsEntry("mss", " 500 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "1.5", "lots", "", "99999999999"})
  void invalidMssNamesTheKeyAndTheValue(String value) {
    assertThatThrownBy(() -> StreamProperties.parse(Map.of("mss", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream property mss must be a positive integer, not '" + value + "'");
  }

  @Test
  void otherKnownPropertiesKeepTheirDefaultsBesideMss() {
    StreamProperties properties = StreamProperties.parse(Map.of("mss", "10", "user", "x"));

    assertThat(properties.maxAttempts()).isEqualTo(3);
    assertThat(properties.mpps()).isEmpty();
    assertThat(properties.values()).containsEntry("user", "x");
  }

  @Test
  void weightIsOneUnlessSet() {
    assertThat(StreamProperties.parse(Map.of()).weight()).isEqualTo(1.0);
    assertThat(StreamProperties.parse(Map.of("weight", "2.5")).weight()).isEqualTo(2.5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "heavy", "", "NaN", "1e9"})
  void invalidWeightNamesTheKeyAndTheValue(String value) {
    assertThatThrownBy(() -> StreamProperties.parse(Map.of("weight", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream property weight must be a positive number of at most 1000000, not '"
            + value + "'");
  }
}
