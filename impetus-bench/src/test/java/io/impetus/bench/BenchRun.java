package io.impetus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code impetus bench} in this JVM and keeps what it printed, for the tests. */
final class BenchRun {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final StringWriter err = new StringWriter();

  /** Runs the command with {@code args}; returns its exit status. */
  int execute(String... args) {
    CommandLine command = Bench.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  /** The JSON lines printed on standard output. */
  List<JsonNode> lines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    return lines;
  }

  /** What was printed on standard output. */
  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What was printed on standard error. */
  String err() {
    return err.toString();
  }
}
