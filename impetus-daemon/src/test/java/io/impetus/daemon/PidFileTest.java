package io.impetus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  private static final String DAEMON = "io.example.ExampleDaemon";

  @TempDir Path dir;

  private final FakeProcessTable processes = new FakeProcessTable();

  private PidFile pidFile() {
    return new PidFile(dir.resolve("Example.pid"), List.of(DAEMON, dir.toString()), processes);
  }

  private void contains(String text) throws IOException {
    Files.writeString(dir.resolve("Example.pid"), text, StandardCharsets.US_ASCII);
  }

  @Test
  void missingFileIsAbsent() {
    assertThat(pidFile().read()).isEqualTo(new PidFile.Absent());
  }

  @Test
  void liveProcessWithTheDaemonsCommandLineIsRunning() throws IOException {
    processes.with(4242, "/opt/java/bin/java -cp a.jar " + DAEMON + " --piddir " + dir);
    contains("4242\n");

    assertThat(pidFile().read()).isEqualTo(new PidFile.Running(4242));
  }

  @Test
  void deadProcessIsStale() throws IOException {
    contains("4242\n");

    assertThat(pidFile().read()).isEqualTo(new PidFile.Stale("pid 4242 is not running"));
  }

  @Test
  void pidReusedByAnUnrelatedProcessIsStale() throws IOException {
    processes.with(4242, "/usr/bin/sleep 1000");
    contains("4242\n");

    assertThat(pidFile().read())
        .isEqualTo(new PidFile.Stale("pid 4242 is another program (sleep)"));
  }

  @Test
  void sameDaemonClassWithAnotherPidDirectoryIsStale() throws IOException {
    processes.with(4242, "java " + DAEMON + " --piddir /elsewhere");
    contains("4242");

    assertThat(pidFile().read()).isInstanceOf(PidFile.Stale.class);
  }

  @Test
  void garbageIsStaleAndShownPrintably() throws IOException {
    contains("not a pid\u0001 at all, and rather long\n");

    assertThat(pidFile().read()).isEqualTo(
        new PidFile.Stale("it holds 'not a pid? at all, a...', not a pid"));
  }

  @Test
  void emptyFileIsStale() throws IOException {
    contains("\n");

    assertThat(pidFile().read()).isEqualTo(new PidFile.Stale("it is empty"));
  }

  @Test
  void negativeOrZeroPidIsStale() throws IOException {
    contains("-1");

    assertThat(pidFile().read()).isEqualTo(new PidFile.Stale("it holds '-1', not a pid"));
  }

  @Test
  void unreadableFileIsStaleWithTheReason() throws IOException {
    Files.createDirectory(dir.resolve("Example.pid"));

    assertThat(pidFile().read()).isInstanceOfSatisfying(PidFile.Stale.class,
        stale -> assertThat(stale.reason()).startsWith("cannot read it: "));
  }

  @Test
  void ownPidIsNeverTheDaemon() throws IOException {
    long self = ProcessHandle.current().pid();
    processes.with(self, "java " + DAEMON + " --piddir " + dir + " stop");
    contains(Long.toString(self));

    assertThat(pidFile().read()).isInstanceOf(PidFile.Stale.class);
  }

  @Test
  void writtenPidIsReadBackWithoutLeftovers() throws IOException {
    PidFile pidFile = pidFile();

    pidFile.write(4242);

    assertThat(Files.readString(pidFile.path())).isEqualTo("4242\n");
    assertThat(pidFile.pid()).contains(4242L);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(pidFile.path());
    }
  }

  @Test
  void deleteIfHoldsLeavesAnotherDaemonsPidAlone() throws IOException {
    PidFile pidFile = pidFile();
    pidFile.write(4242);

    pidFile.deleteIfHolds(1111);
    assertThat(pidFile.path()).exists();

    pidFile.deleteIfHolds(4242);
    assertThat(pidFile.path()).doesNotExist();
  }

  @Test
  void systemTableKnowsThisProcessButNotAnEndedOne() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();

    assertThat(ProcessTable.system().commandLine(ProcessHandle.current().pid()))
        .hasValueSatisfying(line -> assertThat(line).contains("java"));
    assertThat(ProcessTable.system().commandLine(ended.pid())).isEmpty();
  }
}
