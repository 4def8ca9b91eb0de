package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue daemon killed with SIGKILL while a client's jobs are in flight, then started again on
 * the same data directory and port: the client (its own JVM) and the node daemon reconnect by
 * themselves, and every job ends up in the task logs exactly once.
 */
class QueueRestartTest {

  private static final String KEY = "restart-secret";
  private static final String ID = "restarted";
  private static final int JOBS = 5000;
  private static final int GATE_FROM = 2500;

  @TempDir Path dir;

  private static String freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Integer.toString(socket.getLocalPort());
    }
  }

  private static long lines(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file).chars().filter(c -> c == '\n').count()
          : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void clientAndNodeCarryOnAfterTheQueueIsKilledAndEveryJobIsRecordedOnce() throws IOException {
    String port = freePort();
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    List<String> queueCommand = List.of(script("bin/impetus-queue"), "-p", port, "-a", KEY,
        "--data", dir.resolve("data").toString(), "foreground");
    List<RunningProcess> started = new ArrayList<>();
    try (Gate gate = new Gate()) {
      RunningProcess queue = RunningProcess.start(dir, "queue", queueCommand);
      started.add(queue);
      queue.awaitOutput("queue listening");
      RunningProcess node = RunningProcess.start(dir, "node", List.of(
          script("bin/impetus-node"), "-p", port, "-a", KEY, "-m", "3", "foreground"));
      started.add(node);
      node.awaitOutput("connected to queue");
      RunningProcess client = RunningProcess.start(dir, "client", List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), GatedClient.class.getName(),
          "127.0.0.1:" + port, KEY, tasks.toString(), ID, Integer.toString(JOBS),
          Integer.toString(GATE_FROM), Integer.toString(gate.port())));
      started.add(client);

      Path ok = tasks.resolve(ID).resolve("stage1.ok");
      await().atMost(Duration.ofSeconds(120))
          .until(() -> gate.arrivals() > 0 && lines(ok) >= 1000);
      queue.kill();
      client.awaitLog("lost the connection to the queue at 127.0.0.1:" + port);
      node.awaitLog("lost the connection to the queue at 127.0.0.1:" + port);
      assertThat(lines(ok)).as("jobs still in flight when the queue died").isLessThan(JOBS);

      RunningProcess restarted = RunningProcess.start(dir, "queue-restarted", queueCommand);
      started.add(restarted);
      restarted.awaitOutput("queue listening");
      node.awaitOutput("reconnected to the queue at 127.0.0.1:" + port);
      client.awaitLog("reconnected to the queue at 127.0.0.1:" + port);
      gate.open();

      assertThat(client.awaitExit()).as(client.stdout() + client.stderr()).isZero();
      assertThat(client.stdout()).contains("recorded " + JOBS + " ok, 0 errors", "done");
      List<JsonNode> records = new ArrayList<>(TaskLogs.read(tasks, ID, "stage1.ok"));
      records.addAll(TaskLogs.read(tasks, ID, "stage1.err"));
      assertThat(records).extracting(record -> record.get("id").asText())
          .hasSize(JOBS).doesNotHaveDuplicates();
      assertThat(records).extracting(record -> record.get("result").asInt())
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, JOBS).boxed().toList());
      assertThat(node.isAlive()).isTrue();
      assertThat(restarted.stdout()).contains("re-attached stream " + ID,
          "node ", "registered (capacity", "deleted stream " + ID);
    } finally {
      started.forEach(RunningProcess::close);
    }
  }
}
