package io.impetus.client.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
  void corruptLinesAreClearErrors() {
    assertThatThrownBy(() -> LogLine.decode("@@@")).hasMessageStartingWith("not base64");
    assertThatThrownBy(() -> LogLine.decode("aGVsbG8=")).hasMessageStartingWith("not zlib");
  }
}
