package io.impetus.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.core.net.HostAndPort;
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
      new HostAndPort("127.0.0.1", 7000), "node-a", Path.of("/var/cache/impetus"),
      Path.of("/tmp/slot-1"), WorkerArguments.DEFAULT_RECONNECT,
      new Assignment("stream-1", Duration.ofSeconds(30), 0, Duration.ZERO), false);

  @Property
  void aCommandLineReadsBackAsWritten(@ForAll @NotBlank String stream,
      @ForAll @NotBlank String node, @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long idleMillis,
      @ForAll @IntRange(min = 0) int maxJobs,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long maxAgeMillis) {
    WorkerArguments arguments = new WorkerArguments(new HostAndPort("queue.example", port),
        node, Path.of("cache"), Path.of("slot"), Duration.ofMinutes(1),
        new Assignment(stream, Duration.ofMillis(idleMillis), maxJobs,
            Duration.ofMillis(maxAgeMillis)), false);

    assertThat(WorkerArguments.parse(arguments.commandLine())).isEqualTo(arguments);
  }

  @Test
  void aWarmWorkersCommandLineHasNoAssignment() {
    WorkerArguments warm = new WorkerArguments(new HostAndPort("127.0.0.1", 7000), "node-a",
        Path.of("cache"), Path.of("slot"), Duration.ofMinutes(1), null, true);

    assertThat(warm.commandLine()).doesNotContain("--stream", "--idle-ms");
    assertThat(WorkerArguments.parse(warm.commandLine())).isEqualTo(warm);
  }

  @Test
  void onlyAWarmWorkerMayLeaveWhenWarm() {
    assertThatThrownBy(() -> WorkerArguments.parse(with("--leave-when-warm", "true")))
        .hasMessage("--leave-when-warm is for warm workers, without --stream");
    assertThatThrownBy(() -> WorkerArguments.parse(List.of("--queue", "127.0.0.1:7000",
        "--node", "n", "--cache", "c", "--slot", "s", "--leave-when-warm", "yes")))
        .hasMessage("--leave-when-warm takes true or false, not 'yes'");
  }

  @Test
  void anAssignmentsOptionsNeedTheStream() {
    assertThatThrownBy(() -> WorkerArguments.parse(List.of("--queue", "127.0.0.1:7000",
        "--node", "n", "--cache", "c", "--slot", "s", "--max-jobs", "3")))
        .hasMessage("--max-jobs needs --stream");
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

  /** The example's command line with an option replaced. */
  private static List<String> replace(String name, String value) {
    List<String> args = new ArrayList<>(EXAMPLE.commandLine());
    args.set(args.indexOf(name) + 1, value);
    return args;
  }

  /** The example's required options, its stream and idle time, and one more. */
  private static List<String> with(String name, String value) {
    List<String> args = new ArrayList<>(List.of("--queue", "127.0.0.1:7000", "--stream",
        "stream-1", "--node", "node-a", "--cache", "/var/cache/impetus", "--slot", "/tmp/slot-1",
        "--idle-ms", "30000"));
    args.addAll(List.of(name, value));
    return args;
  }
}
