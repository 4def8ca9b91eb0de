package io.impetus.client.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobJsonTest {

  record Page(String url, List<String> links) {}

  /** A bean with getters. */
  public static final class Bean {
    public int getSize() {
      return 3;
    }

    public String getName() {
      return "b";
    }
  }

  /** No properties at all: Jackson refuses an empty bean. */
  static final class Opaque {
    @Override
    public String toString() {
      return "opaque!";
    }
  }

  /** Refers to itself: Jackson would recurse for ever. */
  public static final class Loop {
    public Loop getSelf() {
      return this;
    }

    @Override
    public String toString() {
      return "loop";
    }
  }

  /** A getter that throws. */
  public static final class Broken {
    public int getValue() {
      throw new IllegalStateException("no value");
    }

    @Override
    public String toString() {
      return "broken";
    }
  }

  /** Neither Jackson nor toString can write it. */
  static final class Hopeless {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("no");
    }
  }

  @Test
  void recordsAndBeansBecomeObjects() {
    JsonNode page = JobJson.toJson(new Page("u", List.of("a", "b")));
    JsonNode bean = JobJson.toJson(new Bean());

    assertThat(page.toString()).isEqualTo("{\"url\":\"u\",\"links\":[\"a\",\"b\"]}");
    assertThat(bean.get("size").asInt()).isEqualTo(3);
    assertThat(bean.get("name").asText()).isEqualTo("b");
  }

  @Test
  void plainValuesStayPlain() {
    assertThat(JobJson.toJson(42).isInt()).isTrue();
    assertThat(JobJson.toJson("text").asText()).isEqualTo("text");
    assertThat(JobJson.toJson(null).isNull()).isTrue();
    assertThat(JobJson.toJson(Map.of("k", 1)).get("k").asInt()).isEqualTo(1);
    UUID id = UUID.randomUUID();
    assertThat(JobJson.toJson(id).asText()).isEqualTo(id.toString());
  }

  @Test
  void bytesBecomeBase64AsJacksonWritesThem() {
    byte[] bytes = new byte[1000];
    new Random(7).nextBytes(bytes);

    JsonNode node = JobJson.toJson(bytes);

    assertThat(node.isBinary()).isTrue();
    assertThat(node).isEqualTo(new ObjectMapper().valueToTree(bytes));
    assertThat(node.toString()).isEqualTo("\"" + Base64.getEncoder().encodeToString(bytes) + "\"");
  }

  @Test
  void whatJacksonCannotWriteBecomesItsStringFormAndNeverFails() {
    assertThat(JobJson.toJson(new Opaque()).asText()).isEqualTo("opaque!");
    assertThat(JobJson.toJson(new Loop()).asText()).isEqualTo("loop");
    assertThat(JobJson.toJson(new Broken()).asText()).isEqualTo("broken");
    assertThat(JobJson.toJson(new Hopeless()).asText()).isEqualTo(Hopeless.class.getName()
        + " (toString failed: java.lang.UnsupportedOperationException: no)");
  }
}
