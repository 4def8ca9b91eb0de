package io.impetus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code impetus-simulate}: the table, JSON lines, and one line per bad input. */
class SimulateTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int simulate(String... args) {
    return Simulate.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Path csv(String... lines) throws IOException {
    return Files.write(dir.resolve("jobs.csv"), List.of(lines));
  }

  @Test
  void printsATableRowPerPolicyAndTrace() throws IOException {
    assertThat(simulate("--csv", csv("0,20", "0,20", "5,10").toString(), "--startup", "2"))
        .isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("start-up 2 s, 8 slots per node, at most 10 nodes,")
        .endsWith("trace " + dir.resolve("jobs.csv"));
    assertThat(lines.get(1)).startsWith("| policy ").contains("| ratio |")
        .endsWith("| interrupted |");
    assertThat(lines.get(2)).startsWith("| ---");
    assertThat(lines.subList(3, lines.size())).hasSize(2)
        .anySatisfy(line -> assertThat(line).startsWith("| default  | jobs.csv |"))
        .anySatisfy(line -> assertThat(line).startsWith("| baseline | jobs.csv |"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsOneJsonLinePerRunWithItsSettings() {
    assertThat(simulate("--trace", "SPIKE", "--policy", "default", "--json", "--seed", "3"))
        .isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("{\"startupSeconds\":30.000,\"slots\":8,")
        .contains("\"seed\":\"3\",\"policy\":\"default\",\"trace\":\"spike\",")
        .contains("\"interrupted\":0,\"unfinished\":0,").endsWith("}");
  }

  @Test
  void aBadOptionIsOneLineAndStatusTwo() {
    assertThat(simulate("--trace", "weekly")).isEqualTo(2);
    assertThat(simulate("--policy", "magic")).isEqualTo(2);
    assertThat(simulate("--startup", "-3")).isEqualTo(2);
    assertThat(simulate("--frobnicate")).isEqualTo(2);
    assertThat(simulate("--csv", "x.csv", "--trace", "spike")).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "impetus-simulate: unknown trace 'weekly' (steady, bursty, diurnal, spike, all)"
            + " (see --help)",
        "impetus-simulate: unknown policy 'magic' (default, baseline, all) (see --help)",
        "impetus-simulate: --startup must be at least 0 seconds, not -3.0 (see --help)",
        "impetus-simulate: Unknown option: '--frobnicate' (see --help)",
        "impetus-simulate: give --csv or --trace, not both (see --help)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingOrMalformedCsvIsOneLineNamingItsPlaceAndStatusOne() throws IOException {
    Path missing = dir.resolve("missing.csv");
    assertThat(simulate("--csv", missing.toString())).isEqualTo(1);
    Path bad = csv("arrival,duration", "0,5", "1;5");
    assertThat(simulate("--csv", bad.toString())).isEqualTo(1);

    assertThat(err.toString().lines()).containsExactly(
        "impetus-simulate: " + missing + ": no such file",
        "impetus-simulate: " + bad + ":3: expected 'arrival,duration' in seconds, got '1;5'");
  }
}
