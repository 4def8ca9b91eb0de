package io.impetus.client.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The task log's timestamps and plain values are written exactly as Jackson and Instant do. */
class IsoTimestampsTest {

  @Property
  void sameTextAsInstant(@ForAll("times") long millis) {
    assertThat(IsoTimestamps.of(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
    assertThat(IsoTimestamps.of(millis + 1)).isEqualTo(Instant.ofEpochMilli(millis + 1).toString());
  }

  @Provide
  Arbitrary<Long> times() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-62_000_000_000_000L, 250_000_000_000_000L),
        Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L),
        Arbitraries.longs().between(-2_000, 2_000),
        Arbitraries.longs().between(0, 100).map(second -> second * 1000));
  }

  @Property
  void plainValuesAreTheNodesJacksonMakes(@ForAll("plain") Object value) {
    assertThat(JobJson.toJson(value)).isEqualTo(new ObjectMapper().valueToTree(value));
  }

  @Provide
  Arbitrary<Object> plain() {
    return Arbitraries.oneOf(Arbitraries.integers().map(Object.class::cast),
        Arbitraries.longs().map(Object.class::cast), Arbitraries.strings().map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast));
  }
}
