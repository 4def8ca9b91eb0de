package io.impetus.core.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

  private final PayloadCodec codec = new PayloadCodec(getClass().getClassLoader());

  record Point(int x, String label) {}

  @Test
  void commonValuesRoundTrip() {
    UUID id = UUID.randomUUID();
    for (Object value : new Object[] {42, "text", null, id, new Point(1, "a"), List.of(1, 2),
        Map.of("k", List.of("v"))}) {
      assertThat(codec.decode(codec.encode(value))).isEqualTo(value);
    }
  }

  @Test
  void byteArraysOfAnySizeRoundTrip() {
    for (int size : new int[] {0, 1, 63, 64, 200, 100 * 1024}) {
      byte[] bytes = new byte[size];
      new java.util.Random(size).nextBytes(bytes);

      assertThat((byte[]) codec.decode(codec.encode(bytes))).isEqualTo(bytes);
    }
  }

  /** Holds a lambda, which Kryo would write but nothing could read. */
  record Holder(Runnable task) {}

  @Test
  void lambdaIsRefusedWhenWrittenNotWhenRead() {
    Runnable lambda = () -> {};

    for (Object value : new Object[] {lambda, new Holder(lambda), List.of(lambda)}) {
      assertThatThrownBy(() -> codec.encode(value))
          .isInstanceOf(PayloadException.class)
          .hasMessageStartingWith("cannot serialize a value of type " + value.getClass().getName())
          .hasMessageContaining(lambda.getClass().getName() + " is a lambda or another hidden"
              + " class, which cannot be read back: use a record or a named class");
    }
  }

  @Test
  void undecodableBytesAreAPayloadError() {
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, (byte) 0xff, 3}))
        .isInstanceOf(PayloadException.class).hasMessageContaining("cannot deserialize");
  }
}
