package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker killed with SIGKILL in the middle of a job: the job runs again and is recorded once. */
class WorkerKillTest {

  @TempDir Path tasks;
  @TempDir Path markers;

  /** Forks one job that hangs on its first attempt, and the same job quickly on its second. */
  static class Victim extends Client {
    private final Path markers;

    Victim(LocalCluster cluster, Path taskdir, Path markers) {
      super(cluster.address(), cluster.authkey(), taskdir, "victim", Map.of());
      this.markers = markers;
    }

    /** Writes its worker's pid, then blocks forever on the first attempt. */
    @Node
    static String hang(String markerDirectory) throws IOException, InterruptedException {
      Path first = Path.of(markerDirectory, "first-attempt.pid");
      if (Files.exists(first)) {
        return "ran again in " + ProcessHandle.current().pid();
      }
      Path temporary = Path.of(markerDirectory, "pid.tmp");
      Files.writeString(temporary, Long.toString(ProcessHandle.current().pid()));
      Files.move(temporary, first);
      new CountDownLatch(1).await();
      return "never";
    }

    @Startup
    public void start() {
      fork("hang", markers.toString());
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void jobOfAKilledWorkerRunsAgainAndIsRecordedOnce() throws IOException {
    try (LocalCluster cluster = LocalCluster.start(2, Victim.class)) {
      Victim client = new Victim(cluster, tasks, markers);
      CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);

      Path first = markers.resolve("first-attempt.pid");
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(first));
      long pid = Long.parseLong(Files.readString(first));
      ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
      assertThat(worker.destroyForcibly()).isTrue();

      run.orTimeout(60, TimeUnit.SECONDS).join();
      assertThat(TaskLogs.read(tasks, "victim", "stage1.ok")).singleElement().satisfies(job -> {
        assertThat(job.get("result").asText()).startsWith("ran again in ")
            .isNotEqualTo("ran again in " + pid);
        assertThat(job.get("attempts").asInt()).isEqualTo(2);
      });
      assertThat(TaskLogs.read(tasks, "victim", "stage1.err")).isEmpty();
    }
  }
}
