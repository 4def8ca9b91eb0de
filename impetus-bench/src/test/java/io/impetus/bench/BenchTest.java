package io.impetus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command runs every workload for real (a queue and node in this JVM, worker JVMs)
 * at a small scale and prints its figures; the figures themselves are never asserted.
 */
class BenchTest {

  private final BenchRun run = new BenchRun();

  private int bench(String... args) {
    return run.execute(args);
  }

  private List<JsonNode> lines() throws IOException {
    return run.lines();
  }

  @Test
  void everyWorkloadPrintsOneJsonLineWithItsFigures(@TempDir Path dir) throws IOException {
    int exit = bench("--workload", "all", "--scale", "0.01", "--runs", "1", "--warmup", "0",
        "--streams", "3", "--dir", dir.toString());

    assertThat(exit).as(run.err()).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines).extracting(line -> line.get("workload").asText())
        .containsExactly("w1", "w2", "w3", "cold", "memory", "streams");
    for (JsonNode line : lines) {
      assertThat(line.get("peer").asText()).isEqualTo("impetus");
      assertThat(line.get("version").asText()).isNotBlank();
    }
    assertThat(lines.subList(0, 4)).allSatisfy(
        line -> assertThat(line.get("fsync").asText()).isEqualTo("always"));
    assertThat(lines.get(5).get("fsync").asText()).isEqualTo("always");
    assertThat(lines.get(0).fieldNames()).toIterable()
        .startsWith("peer", "workload", "jobs_per_s", "p50_ms", "p99_ms", "wall_s");
    assertThat(lines.get(0).get("jobs").asInt()).isEqualTo(200);
    assertThat(lines.get(0).get("p50_ms").asDouble()).isPositive();
    assertThat(lines.get(1).get("efficiency").asDouble()).isPositive();
    assertThat(lines.get(2).get("mb_per_s").asDouble()).isPositive();
    assertThat(lines.subList(0, 3)).allSatisfy(
        line -> assertThat(line.get("cpu_s").asDouble()).isPositive());
    assertThat(lines.get(3).get("cold_start_ms").asDouble()).isPositive();
    assertThat(lines.get(3).get("warm_start_ms").asDouble()).isPositive();
    assertThat(lines.get(4).get("bytes_per_waiting_job").asLong()).isPositive();
    JsonNode streams = lines.get(5);
    assertThat(streams.get("streams_finished").asInt()).isEqualTo(3);
    assertThat(streams.get("streams").asInt()).isEqualTo(3);
    assertThat(streams.get("jobs").asInt()).isEqualTo(6);
    assertThat(streams.get("jobs_per_s").asDouble()).isPositive();
    assertThat(streams.get("slowest_stream_s").asDouble()).isPositive();
  }

  @Test
  void recordAppendsEveryLineWithTheDateCommitAndMachine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results").resolve("bench.jsonl");
    for (int i = 0; i < 2; i++) {
      int exit = bench("--workload", "memory", "--scale", "0.0001", "--runs", "1", "--warmup",
          "0", "--dir", dir.resolve("run" + i).toString(), "--record", file.toString());
      assertThat(exit).as(run.err()).isZero();
    }

    List<String> recorded = Files.readAllLines(file);
    assertThat(recorded).hasSize(2);
    List<JsonNode> printed = lines();
    for (int i = 0; i < 2; i++) {
      JsonNode line = new ObjectMapper().readTree(recorded.get(i));
      assertThat(line.get("workload").asText()).isEqualTo("memory");
      assertThat(line.get("bytes_per_waiting_job")).isEqualTo(
          printed.get(i).get("bytes_per_waiting_job"));
      assertThat(Instant.parse(line.get("date").asText())).isNotNull();
      assertThat(line.get("commit").asText()).matches("[0-9a-f]{4,40}|unknown");
      JsonNode machine = line.get("machine");
      assertThat(machine.get("cores").asInt()).isPositive();
      assertThat(machine.get("arch").asText()).isNotBlank();
      assertThat(machine.has("cpu")).isTrue();
      assertThat(machine.get("java").asText()).isNotBlank();
      assertThat(printed.get(i).has("date")).isFalse();
    }
  }

  @Test
  void badOptionsGetOneClearMessage() {
    assertThat(bench("--runs", "0")).isEqualTo(2);
    assertThat(run.err()).contains("--runs");
    assertThat(bench("--streams", "0")).isEqualTo(2);
    assertThat(run.err()).contains("--streams");
    assertThat(bench("--capacity", "4", "--queue", "127.0.0.1:1")).isEqualTo(2);
    assertThat(run.err()).contains("--capacity is the embedded node's");
    assertThat(bench("--compare", "--queue", "127.0.0.1:1")).isEqualTo(2);
    assertThat(bench("--compare", "--workload", "cold")).isEqualTo(2);
    assertThat(run.err()).contains("runs on Impetus only").doesNotContain("\tat ");
    assertThat(bench("--queue", "no-port")).isEqualTo(2);
    assertThat(bench("--workload", "memory", "--queue", "127.0.0.1:1")).isEqualTo(2);
    assertThat(run.err()).contains("leave out --queue");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnreachableQueueIsOneClearError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    int exit = bench("--workload", "w1", "--queue", "127.0.0.1:" + port, "--authkey", "k");

    assertThat(exit).isEqualTo(1);
    assertThat(run.err()).startsWith("impetus bench: could not connect to the queue at 127.0.0.1:"
        + port + " within 5 s (last attempt: cannot reach the queue").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void workersThatCannotStartEndTheBenchWithOneClearError(@TempDir Path dir) {
    int exit = bench("--workload", "cold", "--worker-jvm-options", "-Xmx1z", "--patience", "2",
        "--warmup", "0", "--runs", "1", "--dir", dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(run.err()).startsWith("impetus bench: no result arrived for 2 s (0 of 1 are"
        + " in); is a node serving the queue, and can its workers start?")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }
}
