package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process killed with SIGKILL while its workers hold jobs: the workers do not outlive it,
 * the jobs come back to the queue and finish on another node, each recorded once.
 */
class NodeKillTest {

  @TempDir Path tasks;
  @TempDir Path dir;

  /** Forks jobs that block for good while a "hold" file exists, and return at once otherwise. */
  static class Stranded extends Client {
    private final Path markers;

    Stranded(LocalCluster cluster, Path taskdir, Path markers) {
      super(cluster.address(), cluster.authkey(), taskdir, "stranded", Map.of());
      this.markers = markers;
    }

    /** Blocks for good, leaving a marker with its worker's pid, while the hold file exists. */
    @Node
    static String stranded(String markerDirectory) throws IOException, InterruptedException {
      Path directory = Path.of(markerDirectory);
      long pid = ProcessHandle.current().pid();
      if (Files.exists(directory.resolve("hold"))) {
        Path temporary = Files.createTempFile(directory, "marker", ".tmp");
        Files.move(temporary, directory.resolve(pid + ".pid"));
        new CountDownLatch(1).await();
      }
      return "ran in " + pid;
    }

    @Startup
    public void start() {
      for (int i = 0; i < 6; i++) {
        fork("stranded", markers.toString());
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void jobsOfAKilledNodeFinishOnAnotherNodeOnce() throws Exception {
    Path markers = Files.createDirectory(dir.resolve("markers"));
    Files.createFile(markers.resolve("hold"));
    try (LocalCluster cluster = LocalCluster.startQueueOnly(2, Stranded.class)) {
      String port = Integer.toString(cluster.queue().address().port());
      RunningProcess doomed = RunningProcess.start(dir, "doomed-node", List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", LocalCluster.workerClasspath(Stranded.class),
          "io.impetus.node.NodeDaemon", "-q", "127.0.0.1", "-p", port, "-m", "2",
          "--cache", dir.resolve("cache").toString(), "foreground"),
          Map.of("IMPETUS_AUTHKEY", cluster.authkey()));
      CompletableFuture<Void> run =
          CompletableFuture.runAsync(new Stranded(cluster, tasks, markers)::run);

      await().atMost(Duration.ofSeconds(60)).until(() -> workerPids(markers).size() == 2);
      List<Long> workers = workerPids(markers);
      doomed.kill();
      await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream()
          .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));

      Files.delete(markers.resolve("hold"));
      cluster.startNode();
      run.get(120, TimeUnit.SECONDS);

      List<JsonNode> done = TaskLogs.read(tasks, "stranded", "stage1.ok");
      assertThat(done).hasSize(6);
      assertThat(done.stream().map(job -> job.get("id").asText()).distinct()).hasSize(6);
      assertThat(done).allSatisfy(job -> assertThat(job.get("node").asText()).isEqualTo("local"));
      assertThat(done).filteredOn(job -> job.get("attempts").asInt() == 2).hasSize(2);
      assertThat(TaskLogs.read(tasks, "stranded", "stage1.err")).isEmpty();
      assertThat(doomed.stdout()).contains("tracking stream stranded", "created worker");
    }
  }

  private static List<Long> workerPids(Path markers) throws IOException {
    try (Stream<Path> files = Files.list(markers)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".pid"))
          .map(name -> Long.parseLong(name.substring(0, name.length() - 4))).toList();
    }
  }
}
