package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code start}, {@code stop} and {@code restart} of the bin/ daemons as a user runs them, once
 * through jsvc ({@code IMPETUS_JSVC=/usr/bin/jsvc}, skipped where it is not installed) and once
 * through a detached JVM ({@code IMPETUS_JSVC=none}). Every daemon a test starts is stopped
 * afterwards, whatever happened.
 */
class DaemonLifecycleTest {

  private static final String JSVC = "/usr/bin/jsvc";

  @TempDir Path dir;

  private int commands;
  private final Set<Long> daemonPids = new HashSet<>();

  /** What a finished command did. */
  record Outcome(int status, String out, String err) {}

  private Path run() {
    return dir.resolve("run");
  }

  private Path log() {
    return dir.resolve("log");
  }

  private static Map<String, String> environment(String jsvc) {
    if (!jsvc.equals("none")) {
      assumeTrue(Files.isExecutable(Path.of(jsvc)), jsvc + " is not installed");
    }
    return Map.of("IMPETUS_JSVC", jsvc);
  }

  /** Runs bin/{@code daemon} with the test's pid, log (and data) directories; waits for it. */
  private Outcome command(String jsvc, String daemon, String... args) {
    List<String> command = new ArrayList<>(List.of(script("bin/" + daemon),
        "-i", run().toString(), "-l", log().toString()));
    if (daemon.equals("impetus-queue")) {
      command.addAll(List.of("--data", dir.resolve("data").toString()));
    }
    command.addAll(List.of(args));
    RunningProcess process = RunningProcess.start(dir, "command-" + ++commands, command,
        environment(jsvc));
    Outcome outcome = new Outcome(process.awaitExit(), process.stdout(), process.stderr());
    pid(switch (daemon) {
      case "impetus-queue" -> "Queue";
      case "impetus-dfs" -> "Dfs";
      default -> "Node";
    }).ifPresent(daemonPids::add);
    return outcome;
  }

  private Optional<Long> pid(String name) {
    try {
      return Optional.of(Long.parseLong(Files.readString(run().resolve(name + ".pid")).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code pid} runs; an exited process not yet reaped (a zombie) does not. */
  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).filter(DaemonLifecycleTest::running).isPresent();
  }

  private static boolean running(ProcessHandle process) {
    return process.isAlive() && process.info().command().isPresent();
  }

  private static String freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Integer.toString(socket.getLocalPort());
    }
  }

  /** Whether the queue answers on {@code port}: it speaks first, with its handshake. */
  private static boolean queueAnswers(String port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 10_000);
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      return in.read() != -1;
    } catch (IOException e) {
      return false;
    }
  }

  private String logFile(String name) {
    try {
      return Files.exists(log().resolve(name)) ? Files.readString(log().resolve(name)) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops what the test left running: SIGTERM, then, under jsvc, its controller and SIGKILL. */
  @AfterEach
  void stopLeftovers() {
    Stream.of("Queue", "Node", "Dfs").map(this::pid).flatMap(Optional::stream)
        .forEach(daemonPids::add);
    for (long pid : daemonPids) {
      ProcessHandle.of(pid).filter(DaemonLifecycleTest::running).ifPresent(daemon -> {
        daemon.destroy();
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> !running(daemon));
        } catch (RuntimeException e) {
          daemon.parent().filter(parent -> parent.info().command().orElse("").contains("jsvc"))
              .ifPresent(ProcessHandle::destroyForcibly);
          daemon.destroyForcibly();
        }
      });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {JSVC, "none"})
  void queueStartsRestartsAndStops(String jsvc) throws IOException {
    String port = freePort();

    Outcome start = command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start");

    long first = pid("Queue").orElseThrow();
    assertThat(start).isEqualTo(new Outcome(0,
        "impetus-queue started (pid " + first + "); logs in " + log() + "\n", ""));
    assertThat(alive(first)).isTrue();
    assertThat(queueAnswers(port)).isTrue();
    assertThat(logFile("Queue.out")).contains("queue listening on 127.0.0.1:" + port);

    Outcome again = command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start");

    assertThat(again).isEqualTo(new Outcome(1, "",
        "impetus-queue: already running (pid " + first + ")\n"));

    Outcome restart = command(jsvc, "impetus-queue", "-p", port, "-a", "k", "restart");

    long second = pid("Queue").orElseThrow();
    assertThat(restart.status()).isZero();
    assertThat(second).isNotEqualTo(first);
    assertThat(restart.out()).isEqualTo("impetus-queue stopped\nimpetus-queue started (pid "
        + second + "); logs in " + log() + "\n");
    assertThat(alive(first)).isFalse();
    assertThat(queueAnswers(port)).isTrue();

    Outcome stop = command(jsvc, "impetus-queue", "stop");

    assertThat(stop).isEqualTo(new Outcome(0, "impetus-queue stopped\n", ""));
    assertThat(alive(second)).isFalse();
    assertThat(run().resolve("Queue.pid")).doesNotExist();
    assertThat(logFile("Queue.out")).contains("queue stopped");
    assertThat(queueAnswers(port)).isFalse();

    assertThat(command(jsvc, "impetus-queue", "stop"))
        .isEqualTo(new Outcome(0, "impetus-queue: not running\n", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {JSVC, "none"})
  void stalePidFileOfADeadProcessDoesNotBlockStart(String jsvc) throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor()).isZero();
    Files.createDirectories(run());
    Files.writeString(run().resolve("Queue.pid"), ended.pid() + "\n");
    String port = freePort();

    Outcome start = command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start");

    assertThat(start.status()).isZero();
    assertThat(start.out()).startsWith("impetus-queue: removed stale pid file "
        + run().resolve("Queue.pid") + " (pid " + ended.pid() + " is not running)\n");
    assertThat(pid("Queue")).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(ended.pid()));
    assertThat(queueAnswers(port)).isTrue();
    assertThat(command(jsvc, "impetus-queue", "stop").status()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {JSVC, "none"})
  void failedStartIsOneLineFromTheErrorLog(String jsvc) throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      String port = Integer.toString(taken.getLocalPort());

      Outcome start = command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start");

      assertThat(start).isEqualTo(new Outcome(1, "", "impetus-queue: cannot listen on 127.0.0.1:"
          + port + ": Address already in use (see " + log().resolve("Queue.err") + ")\n"));
      assertThat(run().resolve("Queue.pid")).doesNotExist();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {JSVC, "none"})
  void nodeStartsStopsAndOutlivesARestartOfItsQueue(String jsvc) throws IOException {
    String port = freePort();
    assertThat(command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start").status()).isZero();

    Outcome start = command(jsvc, "impetus-node", "-p", port, "-a", "k", "start");

    long node = pid("Node").orElseThrow();
    assertThat(start).isEqualTo(new Outcome(0,
        "impetus-node started (pid " + node + "); logs in " + log() + "\n", ""));
    assertThat(logFile("Node.out")).contains("connected to queue 127.0.0.1:" + port);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> logFile("Queue.out").contains("registered (capacity"));

    assertThat(command(jsvc, "impetus-node", "stop"))
        .isEqualTo(new Outcome(0, "impetus-node stopped\n", ""));
    assertThat(alive(node)).isFalse();
    assertThat(run().resolve("Node.pid")).doesNotExist();

    assertThat(command(jsvc, "impetus-node", "-p", port, "-a", "k", "start").status()).isZero();
    long again = pid("Node").orElseThrow();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> logFile("Queue.out").split("registered \\(capacity", -1).length == 3);
    assertThat(command(jsvc, "impetus-queue", "stop").status()).isZero();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> logFile("Node.err").contains("lost the connection to the queue"));

    assertThat(command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start").status()).isZero();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> logFile("Node.out").contains("reconnected to the queue"));
    assertThat(alive(again)).isTrue();
    assertThat(command(jsvc, "impetus-node", "stop"))
        .isEqualTo(new Outcome(0, "impetus-node stopped\n", ""));
    assertThat(alive(again)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {JSVC, "none"})
  void dfsStartsRestartsAndStops(String jsvc) throws IOException {
    String port = freePort();
    assertThat(command(jsvc, "impetus-queue", "-p", port, "-a", "k", "start").status()).isZero();
    String nodes = dir.resolve("nodes").toString();

    Outcome start = command(jsvc, "impetus-dfs", "-p", port, "-a", "k", "--local-dir", nodes,
        "start");

    long dfs = pid("Dfs").orElseThrow();
    assertThat(start).isEqualTo(new Outcome(0,
        "impetus-dfs started (pid " + dfs + "); logs in " + log() + "\n", ""));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> logFile("Dfs.out").contains("dfs following queue 127.0.0.1:" + port));

    assertThat(command(jsvc, "impetus-dfs", "-p", port, "-a", "k", "--local-dir", nodes,
        "restart").status()).isZero();
    long again = pid("Dfs").orElseThrow();
    assertThat(again).isNotEqualTo(dfs);
    assertThat(alive(dfs)).isFalse();

    assertThat(command(jsvc, "impetus-dfs", "stop"))
        .isEqualTo(new Outcome(0, "impetus-dfs stopped\n", ""));
    assertThat(alive(again)).isFalse();
    assertThat(run().resolve("Dfs.pid")).doesNotExist();
  }

  @Test
  void badOptionIsOneLine() {
    Outcome outcome = command("none", "impetus-queue", "-p", "x", "start");

    assertThat(outcome).isEqualTo(new Outcome(2, "", "impetus-queue: Invalid value for option"
        + " '--port': 'x' is not an int (see --help)\n"));
  }

  @Test
  void uncreatablePidDirectoryIsOneLine() {
    RunningProcess process = RunningProcess.start(dir, "queue", List.of(
        script("bin/impetus-queue"), "-i", "/proc/impetus", "-l", log().toString(), "start"));

    assertThat(process.awaitExit()).isEqualTo(1);
    assertThat(process.stderr().lines()).singleElement().asString()
        .startsWith("impetus-queue: cannot create pid directory /proc/impetus: ");
  }
}
