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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many streams on one node: when more streams have work than the node has slots, none waits
 * forever and each gets its share while they all have work; warm workers serve new streams, one
 * stream each.
 */
class SharedNodeTest {

  /** Jobs per stream: 4 s of work each, several quanta, so that the streams take turns. */
  private static final int JOBS = 40;

  @TempDir Path tasks;

  /** Forks jobs that each take a while and report which worker ran them, and when they began. */
  static class Sharer extends Client {
    private final int jobs;
    private final int millis;

    Sharer(String address, String authkey, Path taskdir, String id, int jobs, int millis) {
      super(address, authkey, taskdir, id);
      this.jobs = jobs;
      this.millis = millis;
    }

    /** Answers "pid start-millis" after {@code millis} of work. */
    @Node
    static String work(int millis) throws InterruptedException {
      long started = System.currentTimeMillis();
      Thread.sleep(millis);
      return ProcessHandle.current().pid() + " " + started;
    }

    @Startup
    public void start() {
      for (int i = 0; i < jobs; i++) {
        fork("work", millis);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  private static NodeServer node(LocalCluster cluster, int capacity, int warm) {
    return NodeServer.start(
        cluster.nodeBuilder().mpps(capacity).capacity(capacity).warm(warm).build());
  }

  private static long startMillis(JsonNode record) {
    return Long.parseLong(record.get("result").asText().split(" ")[1]);
  }

  private static long pid(JsonNode record) {
    return Long.parseLong(record.get("result").asText().split(" ")[0]);
  }

  @Test
  void moreStreamsThanSlotsAllFinishAndEachGetsAShareWhileAllHaveWork() throws Exception {
    int streams = 5;
    try (LocalCluster cluster = LocalCluster.startQueueOnly(2, Sharer.class);
        NodeServer node = node(cluster, 2, 1)) {
      List<Thread> runs = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        Sharer client = new Sharer(cluster.address(), cluster.authkey(), tasks, "sharer-" + i,
            JOBS, 100);
        runs.add(new Thread(client::run));
      }
      runs.forEach(Thread::start);
      await().atMost(Duration.ofSeconds(120))
          .until(() -> runs.stream().noneMatch(Thread::isAlive));

      Map<String, List<Long>> starts = new HashMap<>();
      for (int i = 0; i < streams; i++) {
        List<JsonNode> done = TaskLogs.read(tasks, "sharer-" + i, "stage1.ok");
        assertThat(done).as("sharer-" + i).hasSize(JOBS);
        starts.put("sharer-" + i, done.stream().map(SharedNodeTest::startMillis).sorted()
            .toList());
      }
      long firstFinished = starts.values().stream().mapToLong(list -> list.get(list.size() - 1))
          .min().orElseThrow();
      Map<String, Long> shares = new HashMap<>();
      starts.forEach((stream, times) -> shares.put(stream,
          times.stream().filter(time -> time < firstFinished).count()));
      double fair = shares.values().stream().mapToLong(Long::longValue).sum() / (double) streams;
      assertThat(shares).allSatisfy((stream, started) ->
          assertThat(started).as("jobs of %s started while every stream had work", stream)
              .isGreaterThanOrEqualTo((long) Math.ceil(fair / 4)));
    }
  }

  @Test
  void aWarmWorkerServesANewStreamsFirstJobAndNoOtherStream() throws Exception {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(2, Sharer.class);
        NodeServer node = node(cluster, 2, 1)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> node.warmWorkers().size() == 1);
      long warm = node.warmWorkers().get(0);

      new Sharer(cluster.address(), cluster.authkey(), tasks, "first", 1, 0).run();
      JsonNode first = TaskLogs.read(tasks, "first", "stage1.ok").get(0);
      assertThat(pid(first)).isEqualTo(warm);

      await().atMost(Duration.ofSeconds(30)).until(() -> node.warmWorkers().size() == 1);
      long next = node.warmWorkers().get(0);
      assertThat(next).isNotEqualTo(warm);

      new Sharer(cluster.address(), cluster.authkey(), tasks, "second", 4, 0).run();
      List<Long> pids = TaskLogs.read(tasks, "second", "stage1.ok").stream()
          .map(SharedNodeTest::pid).toList();
      assertThat(pids).hasSize(4).doesNotContain(warm).contains(next);
    }
  }
}
