package io.impetus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --compare} runs a workload on Impetus, on a Hazelcast executor (member JVMs it
 * starts and stops) and on a thread pool, and prints their lines and the ratios; {@code --sweep}
 * compares Impetus with the pool over job lengths. The figures themselves are never asserted.
 */
class BenchPeersTest {

  private final BenchRun run = new BenchRun();

  private int bench(String... args) {
    return run.execute(args);
  }

  private List<JsonNode> lines() throws IOException {
    return run.lines();
  }

  @AfterEach
  void noHazelcastMemberIsLeft() {
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(process -> process.info().commandLine().orElse(""))
        .filter(command -> command.contains(HazelcastMember.class.getName())))
        .isEmpty();
  }

  @Test
  void compareRunsTheWorkloadOnEveryPeerAndPrintsTheRatios(@TempDir Path dir)
      throws IOException {
    int exit = bench("--compare", "--workload", "w1", "--scale", "0.01", "--runs", "1",
        "--warmup", "0", "--dir", dir.toString());

    assertThat(exit).as(run.err()).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines).extracting(line -> line.get("peer").asText())
        .containsExactly("impetus", "hazelcast", "pool", "ratio");
    for (JsonNode line : lines.subList(0, 3)) {
      assertThat(line.get("workload").asText()).isEqualTo("w1");
      assertThat(line.fieldNames()).toIterable()
          .startsWith("peer", "workload", "jobs_per_s", "p50_ms", "p99_ms", "wall_s", "cpu_s");
      assertThat(line.get("jobs").asInt()).isEqualTo(200);
      assertThat(line.get("workers").asInt()).isEqualTo(2);
      assertThat(line.get("jobs_per_s").asDouble()).isPositive();
      assertThat(line.get("p50_ms").asDouble()).isPositive();
    }
    JsonNode ratio = lines.get(3);
    assertThat(ratio.get("workload").asText()).isEqualTo("w1");
    for (String peer : List.of("hazelcast", "pool")) {
      JsonNode over = ratio.get("impetus_over_" + peer);
      assertThat(over.fieldNames()).toIterable()
          .containsExactly("jobs_per_s", "p50_ms", "p99_ms");
      assertThat(over.get("jobs_per_s").asDouble()).isPositive();
      assertThat(over.get("p50_ms").asDouble()).isPositive();
    }
  }

  @Test
  void sweepPrintsALinePerLengthAndTheBreakEven(@TempDir Path dir) throws IOException {
    int exit = bench("--sweep", "0.2,1", "--scale", "0.005", "--runs", "1", "--warmup", "0",
        "--dir", dir.toString());

    assertThat(exit).as(run.err()).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(3).allSatisfy(line -> {
      assertThat(line.get("peer").asText()).isEqualTo("ratio");
      assertThat(line.get("workload").asText()).isEqualTo("sweep");
    });
    assertThat(lines.subList(0, 2)).extracting(line -> line.get("job_ms").asDouble())
        .containsExactly(0.2, 1.0);
    assertThat(lines.get(0).get("jobs").asInt()).isEqualTo(100);
    for (JsonNode line : lines.subList(0, 2)) {
      assertThat(line.fieldNames()).toIterable().contains("impetus_efficiency",
          "pool_efficiency", "impetus_overhead").doesNotContain("hazelcast_efficiency");
      assertThat(line.get("impetus_efficiency").asDouble()).isPositive();
      assertThat(line.get("pool_efficiency").asDouble()).isPositive();
    }
    JsonNode last = lines.get(2);
    assertThat(last.get("overhead_limit").asDouble()).isEqualTo(0.1);
    assertThat(last.has("impetus_break_even_ms")).isTrue();
    assertThat(last.get("job_ms")).extracting(JsonNode::asDouble).containsExactly(0.2, 1.0);
  }

  @Test
  void aBadSweepIsOneClearUsageError() {
    assertThat(bench("--sweep", "0.1,fast")).isEqualTo(2);
    assertThat(bench("--sweep", "0")).isEqualTo(2);
    assertThat(bench("--sweep", "1", "--workload", "w1")).isEqualTo(2);

    assertThat(run.err().lines()).hasSize(3).allSatisfy(
        line -> assertThat(line).startsWith("impetus bench: --sweep").endsWith("(see --help)"));
    assertThat(run.out()).isEmpty();
  }
}
