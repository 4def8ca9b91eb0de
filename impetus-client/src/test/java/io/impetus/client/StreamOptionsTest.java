package io.impetus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.impetus.core.job.StreamProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {

  @Test
  void typedValuesBecomeTheStreamsPropertiesAsItReadsThem() {
    StreamOptions options = StreamOptions.builder().mpps(2).timeout(Duration.ofSeconds(30))
        .maxAttempts(1).mss(1000).timeLimit(Duration.ofMillis(1500))
        .frequency(Duration.ofSeconds(2)).maxJobs(10).maxAge(Duration.ofMinutes(10))
        .heap("512m").jvmOptions(List.of("-Xss1m", "-XX:+UseSerialGC")).weight(2.5)
        .property("owner", "me").build();

    StreamProperties read = StreamProperties.parse(options.asMap());

    assertThat(read.mpps()).hasValue(2);
    assertThat(read.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(read.maxAttempts()).isEqualTo(1);
    assertThat(read.mss()).hasValue(1000);
    assertThat(read.timeLimit()).hasValue(Duration.ofMillis(1500));
    assertThat(read.maxJobs()).hasValue(10);
    assertThat(read.maxAge()).hasValue(Duration.ofMinutes(10));
    assertThat(read.weight()).isEqualTo(2.5);
    assertThat(options.asMap()).contains(entry("owner", "me"), entry("heap", "512m"),
        entry("jvmoptions", "-Xss1m -XX:+UseSerialGC"));
  }

  @Test
  void anInvalidValueIsRefusedWhenBuiltNamingTheProperty() {
    assertThatThrownBy(() -> StreamOptions.builder().mpps(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream property mpps must be a positive integer, not '0'");
    assertThatThrownBy(() -> StreamOptions.builder().jvmOptions(List.of("Xss1m")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jvmoptions");
  }

  @Test
  void noOptionsLeaveEveryPropertyAtItsDefault() {
    assertThat(StreamOptions.builder().build().asMap()).isEmpty();
  }
}
