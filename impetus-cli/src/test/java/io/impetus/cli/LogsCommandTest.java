package io.impetus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.impetus.client.tasklog.LogLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code impetus logs}: task-log lines to JSON, filters, and one line per bad input. */
class LogsCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int impetus(String... args) {
    return Impetus.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  private static ObjectNode job(String id, String name, String status) {
    ObjectNode job = MAPPER.createObjectNode();
    job.put("id", id);
    job.put("name", name);
    job.put("status", status);
    job.put("result", 4);
    return job;
  }

  private Path log(String file, String... lines) throws IOException {
    return Files.write(dir.resolve(file), List.of(lines));
  }

  private List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> jobs = new java.util.ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        jobs.add(MAPPER.readTree(line));
      }
    }
    return jobs;
  }

  @Test
  void decodesEveryLineAsJsonLines() throws IOException {
    Path ok = log("stage1.ok", LogLine.encode(job("a", "pow", "ready")),
        LogLine.encode(job("b", "pow", "ready")));

    assertThat(impetus("logs", "--json-lines", ok.toString())).isZero();

    assertThat(jsonLines()).containsExactly(job("a", "pow", "ready"), job("b", "pow", "ready"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void prettyPrintsByDefault() throws IOException {
    Path ok = log("stage1.ok", LogLine.encode(job("a", "pow", "ready")));

    assertThat(impetus("logs", ok.toString())).isZero();

    assertThat(out.toString()).contains("{\n  \"id\" : \"a\",\n");
    assertThat(MAPPER.readTree(out.toString())).isEqualTo(job("a", "pow", "ready"));
  }

  @Test
  void filtersByStatusAndName() throws IOException {
    Path ok = log("stage1.ok", LogLine.encode(job("a", "pow", "ready")),
        LogLine.encode(job("b", "cube", "ready")));
    Path errors = log("stage1.err", LogLine.encode(job("c", "pow", "error")));

    assertThat(impetus("logs", "-j", "--status", "ERROR", ok.toString(), errors.toString()))
        .isZero();
    assertThat(jsonLines()).extracting(job -> job.get("id").asText()).containsExactly("c");

    out.getBuffer().setLength(0);
    assertThat(impetus("logs", "-j", "--name", "pow", ok.toString(), errors.toString()))
        .isZero();
    assertThat(jsonLines()).extracting(job -> job.get("id").asText()).containsExactly("a", "c");
  }

  @Test
  void badLinesAndMissingFilesAreOneLineEachAndTheRestIsStillPrinted() throws IOException {
    Path ok = log("stage1.ok", "not a log line!", LogLine.encode(job("a", "pow", "ready")));
    Path missing = dir.resolve("missing.ok");

    assertThat(impetus("logs", "-j", ok.toString(), missing.toString())).isEqualTo(1);

    assertThat(jsonLines()).containsExactly(job("a", "pow", "ready"));
    assertThat(err.toString().lines()).containsExactly(
        "impetus logs: " + ok + ":1: not a task log line (not base64: Illegal base64 character"
            + " 20)",
        "impetus logs: " + missing + ": no such file");
  }

  @Test
  void noFileIsAUsageError() {
    assertThat(impetus("logs")).isEqualTo(2);

    assertThat(err.toString()).startsWith("Missing required parameter: 'FILE|DIR'");
  }

  @Test
  void aDirectoryStandsForEveryTaskLogUnderItInPathOrder() throws IOException {
    Files.createDirectories(dir.resolve("client/sub"));
    log("client/stage2.ok", LogLine.encode(job("c", "pow", "ready")));
    log("client/stage1.ok", LogLine.encode(job("a", "pow", "ready")));
    log("client/stage1.err", LogLine.encode(job("b", "pow", "error")));
    log("client/sub/stage3.ok", LogLine.encode(job("d", "pow", "ready")));
    log("client/notes.txt", "not a task log");

    assertThat(impetus("logs", "-j", dir.resolve("client").toString())).isZero();

    assertThat(jsonLines()).extracting(job -> job.get("id").asText())
        .containsExactly("b", "a", "c", "d");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aDirectoryWithoutTaskLogsIsReported() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThat(impetus("logs", empty.toString())).isEqualTo(1);

    assertThat(err.toString().lines())
        .containsExactly("impetus logs: " + empty + ": no .ok or .err file in it");
  }

  @Test
  void anUnknownStatusIsAUsageErrorNamingTheAcceptedOnes() throws IOException {
    Path ok = log("stage1.ok", LogLine.encode(job("a", "pow", "ready")));

    assertThat(impetus("logs", "-s", "bogus", ok.toString())).isEqualTo(2);

    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("--status").contains("bogus")
        .contains("[READY, ERROR]");
  }
}
