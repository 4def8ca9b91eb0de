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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client whose jobs wait with no node to run them says so once, with how many nodes the queue
 * knows, and again once a node takes them: Powerhose's "no worker" error, as a warning.
 */
class IdleWarningTest {

  @TempDir Path tasks;

  /** Forks five jobs. */
  static class Waiting extends Client {
    final List<Job> received = new CopyOnWriteArrayList<>();

    Waiting(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "waiting");
    }

    @Node
    static int echo(int value) {
      return value;
    }

    @Startup
    public void start() {
      for (int i = 0; i < 5; i++) {
        fork("echo", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      received.addAll(ready);
    }
  }

  @Test
  void jobsThatNoWorkerTakesAreReportedOnceAndTheirResumptionToo() throws Exception {
    try (CapturedLog log = new CapturedLog();
        LocalCluster cluster = LocalCluster.startQueueOnly(2, Waiting.class)) {
      Waiting client = new Waiting(cluster, tasks);
      client.idleWarning(Duration.ofSeconds(1));
      Thread running = new Thread(client::run, "waiting-client");
      running.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> log.messages().contains(
          "no worker has taken a job of stream waiting for 1 s: 5 jobs wait, and no node is"
              + " connected to the queue"));
      cluster.startNode();
      running.join(Duration.ofSeconds(60).toMillis());

      assertThat(running.isAlive()).isFalse();
      assertThat(client.received).hasSize(5);
      assertThat(log.messages()).filteredOn(line -> line.startsWith("no worker has taken"))
          .hasSize(1);
      assertThat(log.messages()).containsOnlyOnce(
          "workers are taking the jobs of stream waiting again");
    }
  }
}
