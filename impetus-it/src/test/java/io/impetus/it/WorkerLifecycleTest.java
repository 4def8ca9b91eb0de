package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker leaves after its stream's idle timeout, while the stream is still open. */
class WorkerLifecycleTest {

  @TempDir Path tasks;

  /** Forks one job, then watches the node from its startup stage while the stream stays open. */
  static class Idle extends Client {
    final AtomicInteger peakWorkers = new AtomicInteger();
    final AtomicReference<List<String>> streamsWhenIdle = new AtomicReference<>();
    private final LocalCluster cluster;

    Idle(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "idle", Map.of("timeout", "1"));
      this.cluster = cluster;
    }

    @Node
    static int echo(int i) {
      return i;
    }

    @Startup
    public void start() {
      fork("echo", 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        peakWorkers.accumulateAndGet(cluster.node().workers(), Math::max);
        return peakWorkers.get() > 0 && cluster.node().workers() == 0;
      });
      streamsWhenIdle.set(cluster.queue().streamIds());
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void workerExitsAfterTheStreamsIdleTimeoutWhileTheStreamIsStillOpen() {
    try (LocalCluster cluster = LocalCluster.start(3, Idle.class)) {
      Idle client = new Idle(cluster, tasks);

      client.run();

      assertThat(client.peakWorkers.get()).isEqualTo(1);
      assertThat(client.streamsWhenIdle.get()).containsExactly("idle");
      assertThat(TaskLogs.read(tasks, "idle", "stage1.ok")).hasSize(1);
    }
  }
}
