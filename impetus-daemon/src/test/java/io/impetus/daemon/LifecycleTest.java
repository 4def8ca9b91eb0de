package io.impetus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

  private static final String DAEMON = "io.example.ExampleDaemon";

  @TempDir Path dir;

  private final FakeProcessTable processes = new FakeProcessTable();
  private final StringWriter out = new StringWriter();
  private final List<Long> started = new ArrayList<>();
  private long nextPid = 5000;

  private Path run() {
    return dir.resolve("run");
  }

  private PidFile pidFile() {
    return new PidFile(run().resolve("Example.pid"), List.of(DAEMON, run().toString()),
        processes);
  }

  /** Starts a fake daemon: a new process in the table and its pid in the pid file. */
  private final Detacher detacher = spec -> {
    long pid = nextPid++;
    processes.with(pid, "java " + DAEMON + " --piddir " + run());
    try {
      spec.pidFile().write(pid);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    started.add(pid);
    return pid;
  };

  private Lifecycle lifecycle() {
    Path log = dir.resolve("log");
    LaunchSpec spec = new LaunchSpec("example", DAEMON, List.of(), List.of(), Path.of("/java"),
        List.of(), dir, pidFile(), log.resolve("Example.out"), log.resolve("Example.err"),
        Duration.ofSeconds(5));
    return new Lifecycle(spec, () -> detacher, processes, new PrintWriter(out, true));
  }

  private String printed() {
    return out.toString();
  }

  @Test
  void startCreatesTheDirectoriesAndReportsThePid() {
    assertThat(lifecycle().start()).isZero();

    assertThat(started).containsExactly(5000L);
    assertThat(run()).isDirectory();
    assertThat(dir.resolve("log")).isDirectory();
    assertThat(printed()).isEqualTo("example started (pid 5000); logs in " + dir.resolve("log")
        + "\n");
  }

  @Test
  void startRefusesWhileTheDaemonRuns() {
    lifecycle().start();

    assertThatThrownBy(() -> lifecycle().start()).isInstanceOf(CommandFailure.class)
        .hasMessage("already running (pid 5000)");
    assertThat(started).containsExactly(5000L);
  }

  @Test
  void startRemovesAStalePidFileAndGoesAhead() throws IOException {
    Files.createDirectories(run());
    Files.writeString(run().resolve("Example.pid"), "77\n");

    assertThat(lifecycle().start()).isZero();

    assertThat(printed()).startsWith("example: removed stale pid file "
        + run().resolve("Example.pid") + " (pid 77 is not running)\n");
    assertThat(pidFile().pid()).contains(5000L);
  }

  @Test
  void startReportsAnUncreatableDirectory() throws IOException {
    Files.writeString(run(), "a file where the pid directory should be");

    assertThatThrownBy(() -> lifecycle().start()).isInstanceOf(CommandFailure.class)
        .hasMessage("cannot create pid directory " + run() + ": a file is in the way");
  }

  @Test
  void stopTerminatesTheDaemonAndRemovesItsPidFile() {
    lifecycle().start();

    assertThat(lifecycle().stop()).isZero();

    assertThat(processes.terminated).containsExactly(5000L);
    assertThat(pidFile().path()).doesNotExist();
    assertThat(printed()).endsWith("example stopped\n");
  }

  @Test
  void stopWhenNotRunningSucceeds() {
    assertThat(lifecycle().stop()).isZero();

    assertThat(printed()).isEqualTo("example: not running\n");
    assertThat(processes.terminated).isEmpty();
  }

  @Test
  void stopRemovesAStalePidFileWithoutSignallingAnyone() throws IOException {
    processes.with(77, "/usr/bin/sleep 100");
    Files.createDirectories(run());
    Files.writeString(run().resolve("Example.pid"), "77\n");

    assertThat(lifecycle().stop()).isZero();

    assertThat(processes.terminated).isEmpty();
    assertThat(pidFile().path()).doesNotExist();
    assertThat(printed()).endsWith("example: not running\n");
  }

  @Test
  void restartStartsANewDaemon() {
    lifecycle().start();

    assertThat(lifecycle().restart()).isZero();

    assertThat(processes.terminated).containsExactly(5000L);
    assertThat(started).containsExactly(5000L, 5001L);
    assertThat(pidFile().pid()).contains(5001L);
  }

  @Test
  void restartOfAStoppedDaemonJustStartsIt() {
    assertThat(lifecycle().restart()).isZero();

    assertThat(processes.terminated).isEmpty();
    assertThat(started).containsExactly(5000L);
  }
}
