package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemons and clients started in any order, as systemd units or Kubernetes pods are: a node
 * started before its queue, a node whose queue is killed while the node's first handshake is
 * under way, and a client started before its queue all wait, then do their work, every job
 * recorded once. Real processes: the launchers in bin/, a client in a JVM of its own, SIGKILL.
 */
class StartOrderTest {

  private static final String KEY = "start-order-secret";
  private static final int JOBS = 200;

  @TempDir Path dir;
  private final List<RunningProcess> started = new ArrayList<>();
  private String port;
  private Path tasks;

  @AfterEach
  void stopAll() {
    started.forEach(RunningProcess::close);
  }

  private RunningProcess start(String name, List<String> command) {
    RunningProcess process = RunningProcess.start(dir, name, command);
    started.add(process);
    return process;
  }

  private void ports() throws IOException {
    port = Integer.toString(Daemons.freePort());
    tasks = Files.createDirectories(dir.resolve("tasks"));
  }

  private RunningProcess queue(String name) {
    return start(name, List.of(script("bin/impetus-queue"), "-p", port, "-a", KEY, "--data",
        dir.resolve("data").toString(), "foreground"));
  }

  private RunningProcess node() {
    return start("node", List.of(script("bin/impetus-node"), "-p", port, "-a", KEY, "-m", "2",
        "foreground"));
  }

  private RunningProcess client(String id) {
    return start("client-" + id, List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GatedClient.class.getName(),
        "127.0.0.1:" + port, KEY, tasks.toString(), id, Integer.toString(JOBS),
        Integer.toString(JOBS), "0"));
  }

  /** Waits {@code time}, failing if the process ends meanwhile. */
  private static void staysAlive(RunningProcess process, Duration time) {
    await().pollDelay(time).atMost(time.plusSeconds(5)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("ended while waiting for its queue:\n" + process.stdout()
            + process.stderr());
      }
      return true;
    });
  }

  /** Runs a client to its end and checks that each of its jobs is recorded once. */
  private void everyJobRunsOnce(RunningProcess client, String id) {
    assertThat(client.awaitExit()).as(client.stdout() + client.stderr()).isZero();
    assertThat(client.stdout()).contains("recorded " + JOBS + " ok, 0 errors", "done");
    List<JsonNode> records = new ArrayList<>(TaskLogs.read(tasks, id, "stage1.ok"));
    records.addAll(TaskLogs.read(tasks, id, "stage1.err"));
    assertThat(records).extracting(record -> record.get("result").asInt())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, JOBS).boxed().toList());
  }

  @Test
  void aNodeStartedBeforeItsQueueRegistersOnceTheQueueIsUp() throws IOException {
    ports();
    RunningProcess node = node();
    node.awaitLog("the queue at 127.0.0.1:" + port + " is not there yet");
    staysAlive(node, Duration.ofSeconds(3));

    RunningProcess queue = queue("queue");
    queue.awaitOutput("queue listening");
    node.awaitLog("connected to the queue at 127.0.0.1:" + port + " after");
    everyJobRunsOnce(client("after-node"), "after-node");
    assertThat(node.isAlive()).isTrue();
    assertThat((node.stdout() + node.stderr()).lines()).as("the node's own warning, once; its"
        + " warm workers, which wait for up to their reconnect window, say so too")
        .filteredOn(line -> line.contains("is not there yet") && line.endsWith("waiting for it"))
        .hasSize(1);
  }

  @Test
  void aNodeWhoseQueueIsKilledDuringItsFirstHandshakeRegistersWithTheRestartedQueue()
      throws IOException {
    ports();
    RunningProcess queue = queue("queue");
    queue.awaitOutput("queue listening");
    queue.freeze();
    RunningProcess node = node();
    await().atMost(Duration.ofSeconds(30)).until(() -> established(Integer.parseInt(port)));
    queue.kill();
    node.awaitLog("the queue at 127.0.0.1:" + port + " is not there yet");

    RunningProcess restarted = queue("queue-restarted");
    restarted.awaitOutput("queue listening");
    node.awaitLog("connected to the queue at 127.0.0.1:" + port + " after");
    everyJobRunsOnce(client("after-kill"), "after-kill");
    assertThat(node.isAlive()).isTrue();
  }

  @Test
  void aClientStartedBeforeItsQueueFinishesItsRun() throws IOException {
    ports();
    RunningProcess client = client("early");
    client.awaitLog("the queue at 127.0.0.1:" + port + " is not there yet");
    staysAlive(client, Duration.ofSeconds(2));

    queue("queue").awaitOutput("queue listening");
    node();
    everyJobRunsOnce(client, "early");
    assertThat(client.stdout() + client.stderr()).containsOnlyOnce("is not there yet");
  }

  /** Whether a TCP connection to {@code port} on this machine is established. */
  private static boolean established(int port) {
    String remote = String.format(":%04X ", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 3 && (fields[2] + " ").endsWith(remote) && fields[3].equals("01")) {
            return true;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
