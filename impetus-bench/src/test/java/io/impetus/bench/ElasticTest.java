package io.impetus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code impetus bench elastic} replays a trace on node processes that the DFS starts with the
 * local provider, and prints its line; the figures themselves are never asserted.
 */
class ElasticTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final StringWriter err = new StringWriter();

  private int elastic(String... args) {
    CommandLine command = Elastic.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  private List<JsonNode> lines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void aRecordedTraceIsReplayedOnNodesTheDfsStartsAndEveryJobRunsOnce(@TempDir Path dir)
      throws IOException {
    StringBuilder trace = new StringBuilder("arrival,duration\n");
    for (int i = 0; i < 12; i++) {
      trace.append(i * 2).append(',').append(5 + i % 3).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("small.csv"), trace);

    int exit = elastic("--csv", csv.toString(), "--order", "pack", "--speed", "10",
        "--fraction", "1", "--slots", "2", "--max-nodes", "2");

    assertThat(exit).as(err.toString()).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertThat(line.get("workload").asText()).isEqualTo("elastic");
    assertThat(line.get("order").asText()).isEqualTo("pack");
    assertThat(line.get("jobs").asInt()).isEqualTo(12);
    assertThat(line.get("interrupted").asInt()).isZero();
    assertThat(line.get("starts").asInt()).isBetween(1, 2);
    assertThat(line.get("node_s").asDouble()).isPositive();
    assertThat(line.fieldNames()).toIterable().contains("bound_s", "ratio", "p50_wait_s",
        "p95_wait_s", "peak_nodes", "wall_s", "speed", "seed");
  }

  @Test
  void aBadOptionOrAMissingTraceIsOneLineAndStatus2(@TempDir Path dir) {
    assertThat(elastic("--speed", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("impetus bench elastic: --speed must be at least 1");

    err.getBuffer().setLength(0);
    assertThat(elastic("--csv", dir.resolve("none.csv").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("impetus bench elastic: --csv: ")
        .contains("none.csv").doesNotContain("Exception");
    assertThat(out.size()).isZero();
  }
}
