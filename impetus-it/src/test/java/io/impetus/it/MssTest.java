package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream property {@code mss}: fork waits, so the queue never holds more unfinished jobs. */
class MssTest {

  @TempDir Path tasks;

  /** Forks {@code jobs} tiny jobs; reads the queue's peak before the stream is deleted. */
  static class Bounded extends Client {
    private final LocalCluster cluster;
    private final int jobs;
    int received;
    int peak = -1;

    Bounded(LocalCluster cluster, Path taskdir, int jobs, int mss) {
      super(cluster.address(), cluster.authkey(), taskdir, "bounded",
          Map.of("mss", Integer.toString(mss)));
      this.cluster = cluster;
      this.jobs = jobs;
    }

    @Node
    static int echo(int i) {
      return i;
    }

    @Startup
    public void start() {
      for (int i = 0; i < jobs; i++) {
        fork("echo", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      received += ready.size() + errors.size();
    }

    /** Runs before the stream is deleted, while the queue still has its figures. */
    @Shutdown
    public void stop(List<Job> ready, List<Job> errors, Progress progress) {
      peak = cluster.queue().peakUnfinished(id()).orElseThrow();
    }
  }

  @Test
  void aHundredThousandForksNeverPutMoreThanMssUnfinishedJobsInTheQueue() throws IOException {
    int jobs = 100_000;
    Bounded client;
    try (LocalCluster cluster = LocalCluster.start(4, Bounded.class)) {
      client = new Bounded(cluster, tasks, jobs, 500);
      try {
        client.run();
      } finally {
        deleteWorkerLog(cluster);
      }
    }

    assertThat(client.peak).isPositive().isLessThanOrEqualTo(500);
    assertThat(client.received).isEqualTo(jobs);
    List<JsonNode> logged = TaskLogs.read(tasks, "bounded", "stage1.ok");
    assertThat(logged).extracting(record -> record.get("id").asText())
        .hasSize(jobs).doesNotHaveDuplicates();
    assertThat(logged).extracting(record -> record.get("result").asInt())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, jobs).boxed().toList());
    assertThat(TaskLogs.read(tasks, "bounded", "stage1.err")).isEmpty();
  }

  /** The workers log two lines per job: 20 MB here, not worth keeping. */
  private static void deleteWorkerLog(LocalCluster cluster) throws IOException {
    Files.deleteIfExists(cluster.workerLog());
  }

  /** A stage that forks while handling results: its slots come back as results arrive. */
  static class Chained extends Client {
    private final LocalCluster cluster;
    int finished;
    int peak = -1;

    Chained(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "chained", Map.of("mss", "3"));
      this.cluster = cluster;
    }

    @Node
    static int next(int i) {
      return i + 1;
    }

    @Startup
    public void start() {
      for (int i = 0; i < 30; i++) {
        fork("next", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        fork("next", job.result(Integer.class));
      }
    }

    @Process
    public void stage2(List<Job> ready, List<Job> errors) {
      finished += ready.size();
    }

    @Shutdown
    public void stop(List<Job> ready, List<Job> errors, Progress progress) {
      peak = cluster.queue().peakUnfinished(id()).orElseThrow();
    }
  }

  @Test
  void aStageThatForksFromItsHandlerDoesNotWaitOnItself() {
    Chained client;
    try (LocalCluster cluster = LocalCluster.start(2, Chained.class)) {
      client = new Chained(cluster, tasks);
      client.run();
    }

    assertThat(client.finished).isEqualTo(30);
    assertThat(client.peak).isLessThanOrEqualTo(3);
    assertThat(TaskLogs.read(tasks, "chained", "stage2.ok"))
        .extracting(record -> record.get("result").asInt())
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(2, 31).boxed().toList());
  }

  /** A client that is never run. */
  static class Unrun extends Client {
    Unrun(Path taskdir, String mss) {
      super("127.0.0.1:1", null, taskdir, null, Map.of("mss", mss));
    }

    @Node
    static int echo(int i) {
      return i;
    }

    @Startup
    public void start() {}
  }

  @Test
  void anInvalidMssIsRefusedWhenTheClientIsMade() {
    assertThatThrownBy(() -> new Unrun(tasks, "0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream property mss must be a positive integer, not '0'");
  }
}
