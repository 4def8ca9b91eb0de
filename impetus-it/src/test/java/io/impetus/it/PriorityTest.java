package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.client.Client;
import io.impetus.client.Fork;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With one worker, the queue serves lower priority values first, then fork order. */
class PriorityTest {

  private static final int[] PRIORITIES = {5, 1, 5, 0, 9, 1, 0, 5, 3, 1, 9, 0};

  @TempDir Path tasks;

  /** Records, in the worker, the order in which jobs ran. */
  static class Ordered extends Client {
    final List<Job> done = new CopyOnWriteArrayList<>();

    Ordered(String address, String authkey, Path taskdir) {
      super(address, authkey, taskdir, "ordered");
    }

    static final AtomicInteger RUN_ORDER = new AtomicInteger();

    @Node
    static int runOrder(int forkIndex) {
      return RUN_ORDER.incrementAndGet();
    }

    @Startup
    public void start() {
      for (int i = 0; i < PRIORITIES.length; i++) {
        fork("runOrder", i, Fork.defaults().priority(PRIORITIES[i]));
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      done.addAll(ready);
    }
  }

  @Test
  void oneWorkerRunsJobsLowestPriorityValueFirstThenInForkOrder() {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(1, Ordered.class)) {
      Ordered client = new Ordered(cluster.address(), cluster.authkey(), tasks);
      CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.queue().backlog("ordered")
          .map(StreamBacklog::waiting).orElse(0) == PRIORITIES.length);

      cluster.startNode();
      run.join();

      List<Job> byRunOrder = client.done.stream()
          .sorted(Comparator.comparingInt(job -> job.result(Integer.class))).toList();
      assertThat(byRunOrder).hasSize(PRIORITIES.length);
      assertThat(byRunOrder).extracting(Job::priority).isSorted();
      for (int i = 1; i < byRunOrder.size(); i++) {
        Job previous = byRunOrder.get(i - 1);
        Job current = byRunOrder.get(i);
        if (previous.priority() == current.priority()) {
          assertThat((Integer) current.args()).isGreaterThan((Integer) previous.args());
        }
      }
    }
  }
}
