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
import io.impetus.dfs.Dfs;
import io.impetus.dfs.DfsConfig;
import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.dfs.provision.local.LocalOptions;
import io.impetus.dfs.provision.local.LocalProvisioner;
import io.impetus.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DFS with the local provisioner and real node processes: a backlog appears on a queue with
 * no nodes, the DFS starts nodes, the backlog drains, the idle nodes are drained and stopped, and
 * every job ran once, uninterrupted.
 */
class AutoscaleTest {

  private static final int JOBS = 40;

  @TempDir Path tasks;
  @TempDir Path dir;

  /** Jobs of 100 ms of work each. */
  static class Backlog extends Client {
    Backlog(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "backlog", Map.of("mpps", "2"));
    }

    @Node
    static int work(int i) throws InterruptedException {
      Thread.sleep(100);
      return i;
    }

    @Startup
    public void start() {
      for (int i = 0; i < JOBS; i++) {
        fork("work", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void nodesAreStartedForABacklogAndDrainedWhenIdleWithoutInterruptingAJob() throws IOException {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(2, Backlog.class)) {
      HostAndPort queue = cluster.queue().address();
      Authkey key = Authkey.of(cluster.authkey());
      LocalProvisioner provisioner = new LocalProvisioner(new LocalOptions(queue, key, 2, 2,
          LocalOptions.currentJava(), LocalCluster.workerClasspath(Backlog.class),
          dir.resolve("nodes"), List.of()));
      DefaultPolicy policy = new DefaultPolicy(DefaultPolicyConfig.builder().maxNodes(2)
          .slotsPerNode(2).drainTarget(Duration.ofSeconds(2)).idleTime(Duration.ofSeconds(1))
          .scaleUpCooldown(Duration.ZERO).scaleDownCooldown(Duration.ofSeconds(1)).build());
      DfsConfig config = new DfsConfig(queue, key, Duration.ofMillis(200),
          Duration.ofSeconds(60), Duration.ofHours(1), 2, null);
      try (Dfs dfs = Dfs.start(config, provisioner, policy)) {
        assertThat(cluster.queue().nodeCount()).isZero();
        Instant submitted = Instant.now();

        new Backlog(cluster, tasks).run();

        List<JsonNode> done = TaskLogs.read(tasks, "backlog", "stage1.ok");
        assertThat(done).hasSize(JOBS);
        assertThat(done).extracting(r -> r.get("id").asText()).doesNotHaveDuplicates();
        assertThat(done).allMatch(r -> r.get("attempts").asInt() == 1);
        assertThat(TaskLogs.read(tasks, "backlog", "stage1.err")).isEmpty();
        Instant firstStart = done.stream().map(r -> Instant.parse(r.get("started").asText()))
            .min(Instant::compareTo).orElseThrow();
        System.out.println("autoscale reaction: " + Duration.between(submitted, firstStart)
            .toMillis() + " ms from the first fork to the first job running on a new node");

        await().atMost(Duration.ofSeconds(60)).until(() -> dfs.machines().isEmpty()
            && cluster.queue().nodeCount() == 0 && provisioner.list().isEmpty());
      }
      try (Stream<Path> logs = Files.list(dir.resolve("nodes"))) {
        assertThat(logs.filter(f -> f.getFileName().toString().endsWith(".log")))
            .isNotEmpty();
      }
    }
  }
}
