package io.impetus.client.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class LogLineTest {

  @Test
  void lineIsBase64OfZlibOfTheJson() throws Exception {
    ObjectNode record = new ObjectMapper().createObjectNode().put("id", "j1").put("result", 961);

    String line = LogLine.encode(record);

    byte[] zlib = Base64.getDecoder().decode(line);
    assertThat(zlib[0]).isEqualTo((byte) 0x78);
    Inflater inflater = new Inflater();
    inflater.setInput(zlib);
    byte[] json = new byte[256];
    int length = inflater.inflate(json);
    assertThat(new String(json, 0, length, StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"j1\",\"result\":961}");
    assertThat(line).doesNotContain("\n");
    assertThat(LogLine.decode(line)).isEqualTo(record);
  }

  @Test
  void largeRecordsCompressedOrStoredDecodeTheSame() throws Exception {
    byte[] payload = new byte[3 * LogLine.Encoder.SAMPLE_BYTES];
    new Random(3).nextBytes(payload);
    ObjectNode large = new ObjectMapper().createObjectNode().put("id", "j2")
        .put("args", Base64.getEncoder().encodeToString(payload));
    ObjectNode text = new ObjectMapper().createObjectNode().put("id", "j4")
        .put("text", "abc".repeat(LogLine.Encoder.SAMPLE_BYTES * 10));
    ObjectNode small = new ObjectMapper().createObjectNode().put("id", "j3");
    ByteArrayOutputStream lines = new ByteArrayOutputStream();

    try (LogLine.Encoder encoder = new LogLine.Encoder()) {
      encoder.write(large, lines);
      encoder.write(small, lines);
      encoder.write(text, lines);
    }

    String[] written = lines.toString(StandardCharsets.US_ASCII).split("\n", -1);
    assertThat(written).hasSize(4);
    assertThat(written[3]).isEmpty();
    assertThat(written[2].length()).isLessThan(LogLine.Encoder.SAMPLE_BYTES);
    assertThat(LogLine.decode(written[0])).isEqualTo(large);
    assertThat(LogLine.decode(written[1])).isEqualTo(small);
    assertThat(LogLine.decode(written[2])).isEqualTo(text);
  }

  @Test
  void corruptLinesAreClearErrors() {
    assertThatThrownBy(() -> LogLine.decode("@@@")).hasMessageStartingWith("not base64");
    assertThatThrownBy(() -> LogLine.decode("aGVsbG8=")).hasMessageStartingWith("not zlib");
  }
}
