package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.local.LocalCluster;
import io.impetus.node.NodeConfig;
import io.impetus.node.NodeServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A draining node lets its running jobs finish, takes no new ones, and leaves. */
class NodeDrainTest {

  @TempDir Path tasks;

  /** Forks two jobs that hold at a gate, then, once the node drains, five quick ones. */
  static class Drained extends Client {
    private final int gatePort;
    private final CountDownLatch draining;

    Drained(LocalCluster cluster, Path taskdir, int gatePort, CountDownLatch draining) {
      super(cluster.address(), cluster.authkey(), taskdir, "drained", Map.of());
      this.gatePort = gatePort;
      this.draining = draining;
    }

    @Node
    static String held(int gatePort) {
      Gate.pass(gatePort);
      return "held";
    }

    @Node
    static String quick(int i) {
      return "quick";
    }

    @Startup
    public void start() throws InterruptedException {
      fork("held", gatePort);
      fork("held", gatePort);
      draining.await();
      for (int i = 0; i < 5; i++) {
        fork("quick", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void drainingNodeFinishesItsRunningJobsAndTakesNoNewOnes() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(2, Drained.class); Gate gate = new Gate()) {
      CountDownLatch draining = new CountDownLatch(1);
      Drained client = new Drained(cluster, tasks, gate.port(), draining);
      CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
      await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrivals() == 2);

      NodeServer first = cluster.node();
      CompletableFuture<Void> drained = first.drain(Duration.ofSeconds(60));
      draining.countDown();
      await().atMost(Duration.ofSeconds(60))
          .until(() -> cluster.queue().peakUnfinished("drained").orElse(0) == 7);
      assertThat(first.draining()).isTrue();
      gate.open();
      drained.get(60, TimeUnit.SECONDS);
      assertThat(first.workers()).isZero();
      assertThat(first.closeFuture()).isDone();
      assertThat(cluster.queue().nodeCount()).isZero();

      try (NodeServer second = NodeServer.start(
          NodeConfig.builder(HostAndPort.parse(cluster.address()))
              .authkey(Authkey.of(cluster.authkey())).nodeId("second")
              .workerClasspath(LocalCluster.workerClasspath(Drained.class))
              .workerLog(cluster.workerLog()).build())) {
        run.get(60, TimeUnit.SECONDS);
      }

      List<JsonNode> done = TaskLogs.read(tasks, "drained", "stage1.ok");
      assertThat(done).hasSize(7);
      assertThat(done).filteredOn(job -> job.get("name").asText().equals("held")).hasSize(2)
          .allSatisfy(job -> {
            assertThat(job.get("node").asText()).isEqualTo("local");
            assertThat(job.get("attempts").asInt()).isEqualTo(1);
          });
      assertThat(done).filteredOn(job -> job.get("name").asText().equals("quick")).hasSize(5)
          .allSatisfy(job -> assertThat(job.get("node").asText()).isEqualTo("second"));
      assertThat(TaskLogs.read(tasks, "drained", "stage1.err")).isEmpty();
    }
  }
}
