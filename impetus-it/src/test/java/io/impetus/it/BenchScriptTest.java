package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/impetus bench}, as the README runs it, prints one JSON line per workload. */
class BenchScriptTest {

  @TempDir
  Path dir;

  @Test
  void benchPrintsItsJsonLine() throws IOException {
    RunningProcess bench = RunningProcess.start(dir, "bench", List.of(script("bin/impetus"),
        "bench", "--workload", "cold", "--runs", "1", "--warmup", "0"));

    assertThat(bench.awaitExit()).as(bench.stderr()).isZero();
    List<String> lines = bench.stdout().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertThat(line.get("workload").asText()).isEqualTo("cold");
    assertThat(line.get("cold_start_ms").asDouble()).isPositive();
  }
}
