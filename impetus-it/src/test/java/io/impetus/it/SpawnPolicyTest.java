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
import io.impetus.node.NodeServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node starts and retires workers as each stream's properties say: {@code mpps} workers at
 * most, one start per {@code frequency}, a fresh worker after {@code maxjobs} jobs or
 * {@code maxage}; and never more workers in all than its capacity.
 */
class SpawnPolicyTest {

  @TempDir Path tasks;

  /** Forks jobs that hold at a gate, then report which worker JVM ran them and when it began. */
  static class Gated extends Client {
    private final int jobs;
    private final int gatePort;

    Gated(LocalCluster cluster, Path taskdir, String id, Map<String, String> properties,
        int jobs, int gatePort) {
      super(cluster.address(), cluster.authkey(), taskdir, id, properties);
      this.jobs = jobs;
      this.gatePort = gatePort;
    }

    /** Waits at the gate, then answers "pid start-millis". */
    @Node
    static String whoRan(int gatePort) {
      Gate.pass(gatePort);
      return ProcessHandle.current().pid() + " "
          + ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Startup
    public void start() {
      for (int i = 0; i < jobs; i++) {
        fork("whoRan", gatePort);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  /** The pid of each worker that ran jobs, with the number of jobs it ran. */
  private static Map<String, Long> jobsPerWorker(List<JsonNode> records) {
    return records.stream().map(record -> record.get("result").asText().split(" ")[0])
        .collect(Collectors.groupingBy(pid -> pid, Collectors.counting()));
  }

  @Test
  void streamsMppsCapsItsWorkersBelowTheNodes() {
    try (LocalCluster cluster = LocalCluster.start(5, Gated.class); Gate gate = new Gate()) {
      Gated client = new Gated(cluster, tasks, "capped", Map.of("mpps", "2"), 12, gate.port());
      Thread run = new Thread(client::run);
      run.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrivals() == 2);
      assertThat(cluster.node().workers("capped")).isEqualTo(2);
      gate.open();
      await().atMost(Duration.ofSeconds(60)).until(() -> !run.isAlive());

      List<JsonNode> done = TaskLogs.read(tasks, "capped", "stage1.ok");
      assertThat(done).hasSize(12);
      assertThat(jobsPerWorker(done)).hasSize(2);
    }
  }

  @Test
  void nodesCapacityCapsItsWorkersOverAllStreams() throws Exception {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(2, Gated.class);
        Gate gate = new Gate();
        NodeServer node = NodeServer.start(
            cluster.nodeBuilder().mpps(2).capacity(3).build())) {
      Thread first = new Thread(
          new Gated(cluster, tasks, "first", Map.of(), 2, gate.port())::run);
      Thread second = new Thread(
          new Gated(cluster, tasks, "second", Map.of(), 2, gate.port())::run);
      first.start();
      second.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrivals() == 3);
      assertThat(node.workers()).isEqualTo(3);
      gate.open();
      await().atMost(Duration.ofSeconds(60)).until(() -> !first.isAlive() && !second.isAlive());

      Map<String, Long> firstWorkers = jobsPerWorker(TaskLogs.read(tasks, "first", "stage1.ok"));
      Map<String, Long> secondWorkers =
          jobsPerWorker(TaskLogs.read(tasks, "second", "stage1.ok"));
      assertThat(firstWorkers.values().stream().mapToLong(Long::longValue).sum()
          + secondWorkers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
      assertThat(firstWorkers.size() + secondWorkers.size()).isEqualTo(3);
    }
  }

  @Test
  void streamsFrequencySpacesItsWorkerStarts() {
    // Without warm workers, so that each worker's JVM starts when the stream gets it.
    try (LocalCluster cluster = LocalCluster.startQueueOnly(5, Gated.class);
        Gate gate = new Gate();
        NodeServer node = NodeServer.start(
            cluster.nodeBuilder().mpps(5).warm(0).build())) {
      Gated client = new Gated(cluster, tasks, "spaced",
          Map.of("mpps", "3", "frequency", "2"), 3, gate.port());
      Thread run = new Thread(client::run);
      run.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrivals() == 3);
      gate.open();
      await().atMost(Duration.ofSeconds(60)).until(() -> !run.isAlive());

      List<Long> starts = TaskLogs.read(tasks, "spaced", "stage1.ok").stream()
          .map(record -> Long.parseLong(record.get("result").asText().split(" ")[1]))
          .sorted().toList();
      assertThat(starts).hasSize(3);
      // Each worker JVM began at least one frequency after the one before, less the jitter of
      // starting a process (the node waits the full interval between its launches).
      assertThat(starts.get(1) - starts.get(0)).isGreaterThanOrEqualTo(1_500);
      assertThat(starts.get(2) - starts.get(1)).isGreaterThanOrEqualTo(1_500);
    }
  }

  @Test
  void workersRetireAfterMaxjobs() {
    try (LocalCluster cluster = LocalCluster.start(1, Gated.class); Gate gate = new Gate()) {
      gate.open();
      new Gated(cluster, tasks, "recycled", Map.of("maxjobs", "3"), 9, gate.port()).run();

      Map<String, Long> perWorker = jobsPerWorker(TaskLogs.read(tasks, "recycled", "stage1.ok"));
      assertThat(perWorker.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(3));
      assertThat(perWorker.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(9);
      assertThat(perWorker).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  /** Forks jobs that each take a while. */
  static class Slow extends Client {
    Slow(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "aged", Map.of("maxage", "0.5"));
    }

    /** Takes 300 ms, then answers its worker's pid. */
    @Node
    static long slowPid(int i) throws InterruptedException {
      Thread.sleep(300);
      return ProcessHandle.current().pid();
    }

    @Startup
    public void start() {
      for (int i = 0; i < 6; i++) {
        fork("slowPid", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void workersRetireAfterMaxage() {
    try (LocalCluster cluster = LocalCluster.start(1, Slow.class)) {
      new Slow(cluster, tasks).run();

      Map<String, Long> perWorker = TaskLogs.read(tasks, "aged", "stage1.ok").stream()
          .collect(Collectors.groupingBy(record -> record.get("result").asText(),
              Collectors.counting()));
      // A worker leases again only while younger than 0.5 s, and two jobs take 0.6 s.
      assertThat(perWorker.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
      assertThat(perWorker).hasSizeGreaterThanOrEqualTo(3);
    }
  }
}
