package io.impetus.client.tasklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
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

  @Property(tries = 200)
  void blockBase64IsTheJdksBase64OfEverythingWrittenHoweverItIsCut(
      @ForAll @IntRange(max = 3 * LogLine.Base64Blocks.BLOCK + 7) int size,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 20_000) Integer> cuts,
      @ForAll long seed) throws Exception {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.write('>');
    LogLine.Base64Blocks base64 = new LogLine.Base64Blocks();

    base64.start(line);
    int at = 0;
    for (int cut : cuts) {
      int end = Math.min(size, at + cut);
      if (end - at == 1) {
        base64.write(data[at]);
      } else {
        base64.write(data, at, end - at);
      }
      base64.flush();
      at = end;
    }
    base64.write(data, at, size - at);
    base64.close();
    line.write('<');

    assertThat(line.toString(StandardCharsets.US_ASCII))
        .isEqualTo(">" + Base64.getEncoder().encodeToString(data) + "<");
  }

  @Property(tries = 100)
  void binaryValuesAreWrittenAsJacksonWritesThem(
      @ForAll @IntRange(max = 3 * LogLine.Encoder.SAMPLE_BYTES) int argsSize,
      @ForAll @IntRange(max = 40_000) int resultSize, @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    byte[] args = new byte[argsSize];
    random.nextBytes(args);
    byte[] result = new byte[resultSize];
    random.nextBytes(result);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode record = mapper.createObjectNode().put("id", "j5").put("args", args)
        .put("status", "ready").put("result", result);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();

    try (LogLine.Encoder encoder = new LogLine.Encoder()) {
      encoder.write(record, lines);
    }

    String line = lines.toString(StandardCharsets.US_ASCII);
    assertThat(line).endsWith("\n");
    assertThat(inflate(line.strip())).isEqualTo(mapper.writeValueAsString(record));
  }

  @Test
  void afterAPoorlyCompressingSampleTheRestIsStoredNotCompressed() throws Exception {
    byte[] payload = new byte[40_000];
    new Random(5).nextBytes(payload);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode record = mapper.createObjectNode().put("id", "j6").put("result", payload);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();

    try (LogLine.Encoder encoder = new LogLine.Encoder()) {
      encoder.write(record, lines);
    }

    int zlib = Base64.getDecoder().decode(lines.toString(StandardCharsets.US_ASCII).strip()).length;
    int json = mapper.writeValueAsBytes(record).length;
    assertThat(zlib).isGreaterThan(json - LogLine.Encoder.SAMPLE_BYTES);
  }

  /** The JSON of a line, as zlib gives it back. */
  private static String inflate(String line) throws Exception {
    Inflater inflater = new Inflater();
    inflater.setInput(Base64.getDecoder().decode(line));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!inflater.finished()) {
      json.write(buffer, 0, inflater.inflate(buffer));
    }
    inflater.end();
    return json.toString(StandardCharsets.UTF_8);
  }

  @Test
  void corruptLinesAreClearErrors() {
    assertThatThrownBy(() -> LogLine.decode("@@@")).hasMessageStartingWith("not base64");
    assertThatThrownBy(() -> LogLine.decode("aGVsbG8=")).hasMessageStartingWith("not zlib");
  }
}
