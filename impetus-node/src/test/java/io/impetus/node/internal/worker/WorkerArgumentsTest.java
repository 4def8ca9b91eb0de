package io.impetus.node.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.core.net.HostAndPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotBlank;
import org.junit.jupiter.api.Test;

class WorkerArgumentsTest {

  private static final WorkerArguments EXAMPLE = new WorkerArguments(
      new HostAndPort("127.0.0.1", 7000), "stream-1", "node-a", Path.of("/var/cache/impetus"),
      Path.of("/tmp/slot-1"), Duration.ofSeconds(30), 0, Duration.ZERO,
      WorkerArguments.DEFAULT_RECONNECT);

  @Property
  void aCommandLineReadsBackAsWritten(@ForAll @NotBlank String stream,
      @ForAll @NotBlank String node, @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long idleMillis,
      @ForAll @IntRange(min = 0) int maxJobs,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long maxAgeMillis) {
    WorkerArguments arguments = new WorkerArguments(new HostAndPort("queue.example", port),
        stream, node, Path.of("cache"), Path.of("slot"), Duration.ofMillis(idleMillis), maxJobs,
        Duration.ofMillis(maxAgeMillis), Duration.ofMinutes(1));

    assertThat(WorkerArguments.parse(arguments.commandLine())).isEqualTo(arguments);
  }

  @Test
  void optionalOptionsHaveTheirDefaults() {
    List<String> required = List.of("--queue", "127.0.0.1:7000", "--stream", "stream-1",
        "--node", "node-a", "--cache", "/var/cache/impetus", "--slot", "/tmp/slot-1",
        "--idle-ms", "30000");

    assertThat(WorkerArguments.parse(required)).isEqualTo(EXAMPLE);
  }

  @Test
  void anUnknownOptionIsNamed() {
    assertThatThrownBy(() -> WorkerArguments.parse(with("--colour", "blue")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option '--colour'");
  }

  @Test
  void anOptionWithoutItsValueIsNamed() {
    List<String> args = new ArrayList<>(EXAMPLE.commandLine());
    args.add("--max-jobs");

    assertThatThrownBy(() -> WorkerArguments.parse(args)).hasMessage("--max-jobs needs a value");
  }

  @Test
  void aRepeatedOptionIsNamed() {
    List<String> args = new ArrayList<>(EXAMPLE.commandLine());
    args.addAll(List.of("--max-jobs", "3"));

    assertThatThrownBy(() -> WorkerArguments.parse(args)).hasMessage("--max-jobs is given twice");
  }

  @Test
  void missingOptionsAreAllNamed() {
    assertThatThrownBy(() -> WorkerArguments.parse(List.of("--stream", "s", "--node", "n")))
        .hasMessage("missing --queue, --cache, --slot, --idle-ms");
  }

  @Test
  void countsMustBeWholeAndNotNegative() {
    assertThatThrownBy(() -> WorkerArguments.parse(with("--max-age-ms", "-1")))
        .hasMessage("--max-age-ms takes a whole number of at least 0, not '-1'");
    assertThatThrownBy(() -> WorkerArguments.parse(replace("--idle-ms", "1.5")))
        .hasMessage("--idle-ms takes a whole number of at least 0, not '1.5'");
  }

  @Test
  void aMalformedQueueAddressIsReported() {
    assertThatThrownBy(() -> WorkerArguments.parse(replace("--queue", "nowhere")))
        .hasMessageContaining("'nowhere' is not of the form host:port");
  }

  @Test
  void aWorkerStartedWithAWrongCommandLineSaysWhyAndExitsWith2() throws Exception {
    Process worker = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
        "--queue", "127.0.0.1:7000", "--colour", "blue")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

    String error = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(worker.waitFor()).isEqualTo(2);
    assertThat(error).isEqualTo("impetus-worker: unknown option '--colour' (a node starts workers)"
        + System.lineSeparator());
  }

  /** The example's command line with an option replaced. */
  private static List<String> replace(String name, String value) {
    List<String> args = new ArrayList<>(EXAMPLE.commandLine());
    args.set(args.indexOf(name) + 1, value);
    return args;
  }

  /** The example's required options and one more. */
  private static List<String> with(String name, String value) {
    List<String> args = new ArrayList<>(EXAMPLE.commandLine().subList(0, 12));
    args.addAll(List.of(name, value));
    return args;
  }
}
