package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.client.Fork;
import io.impetus.client.Job;
import io.impetus.client.JobError;
import io.impetus.client.JobStatus;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages, callbacks and failures, on an embedded queue and node with real worker JVMs. */
class StagesTest {

  private static LocalCluster cluster;

  @TempDir Path tasks;

  @BeforeAll
  static void startCluster() {
    cluster = LocalCluster.start(2, StagesTest.class);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** Base of the test clients: connects to the shared cluster. */
  abstract static class TestClient extends Client {
    Progress finalProgress;

    TestClient(Path taskdir, String id) {
      super(cluster.address(), cluster.authkey(), taskdir, id);
    }

    @Node
    static int square(int i) {
      return i * i;
    }

    @Shutdown
    public void end(List<Job> ready, List<Job> errors, Progress progress) {
      finalProgress = progress;
    }
  }

  /** Start forks to stage1 by default, stage1 forks on to stage2, one job goes straight there. */
  static class Chain extends TestClient {
    Chain(Path taskdir) {
      super(taskdir, "chain");
    }

    @Startup
    public void start() {
      for (int i = 0; i < 10; i++) {
        fork("square", i);
      }
      fork("square", 100, Fork.callback("stage2"));
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        fork(TestClient::square, job.result(Integer.class));
      }
    }

    @Process
    public void stage2(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void defaultCallbackChainsStagesAndExplicitCallbackGoesWhereItSays() {
    Chain chain = new Chain(tasks);
    chain.run();

    List<JsonNode> stage1 = TaskLogs.read(tasks, "chain", "stage1.ok");
    List<JsonNode> stage2 = TaskLogs.read(tasks, "chain", "stage2.ok");
    assertThat(stage1).hasSize(10).allMatch(r -> r.get("callback").asText().equals("stage1"));
    assertThat(stage2).hasSize(11).allMatch(r -> r.get("callback").asText().equals("stage2"));
    assertThat(stage2).extracting(r -> r.get("result").asLong())
        .containsExactlyInAnyOrder(0L, 1L, 16L, 81L, 256L, 625L, 1296L, 2401L, 4096L, 6561L,
            10000L);
    assertThat(chain.finalProgress.line("stage2"))
        .isEqualTo("thread: start 11/0 -> stage1 10/10 -> stage2 0/11 via stage2");
  }

  /** A node method that throws for odd arguments. */
  static class Exploding extends TestClient {
    final List<Job> failures = new CopyOnWriteArrayList<>();

    Exploding(Path taskdir) {
      super(taskdir, "exploding");
    }

    @Node
    static int explode(int i) {
      if (i % 2 == 1) {
        throw new IllegalStateException("odd argument " + i);
      }
      return i;
    }

    @Startup
    public void start() {
      for (int i = 0; i < 6; i++) {
        fork("explode", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      failures.addAll(errors);
    }
  }

  @Test
  void nodeMethodThatThrowsLandsInErrWithTheErrorStructure() {
    Exploding client = new Exploding(tasks);
    client.run();

    assertThat(TaskLogs.read(tasks, "exploding", "stage1.ok")).hasSize(3);
    List<JsonNode> errors = TaskLogs.read(tasks, "exploding", "stage1.err");
    assertThat(errors).hasSize(3);
    for (JsonNode record : errors) {
      JsonNode error = record.get("result");
      assertThat(record.get("status").asText()).isEqualTo("error");
      assertThat(error.get("error").asText())
          .startsWith("java.lang.IllegalStateException: odd argument");
      assertThat(error.get("name").asText()).isEqualTo("explode");
      assertThat(error.get("linenumber").asInt()).isPositive();
      assertThat(error.get("statement").asText())
          .isEqualTo("io.impetus.it.StagesTest$Exploding.explode(StagesTest.java:"
              + error.get("linenumber").asInt() + ")");
      assertThat(error.get("stacktrace").asText()).contains("odd argument");
    }
    assertThat(client.failures).hasSize(3).allSatisfy(job -> {
      assertThat(job.status()).isEqualTo(JobStatus.ERROR);
      JobError error = job.error();
      assertThat(error.name()).isEqualTo("explode");
      assertThatThrownBy(job::result).isInstanceOf(IllegalStateException.class);
    });
  }

  /** A stage that throws on every batch. */
  static class Throwing extends TestClient {
    Throwing(Path taskdir) {
      super(taskdir, "throwing");
    }

    @Startup
    public void start() {
      for (int i = 0; i < 20; i++) {
        fork("square", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      throw new IllegalStateException("stage bug");
    }
  }

  @Test
  void stageThatThrowsIsCountedAndDoesNotHangRun() {
    Throwing client = new Throwing(tasks);

    client.run();

    assertThat(client.finalProgress.processed("stage1")).isEqualTo(20);
    assertThat(client.finalProgress.stageErrors("stage1")).isPositive();
    assertThat(TaskLogs.read(tasks, "throwing", "stage1.ok")).hasSize(20);
  }

  /** Forks with bad input from its startup stage and records what fork said. */
  static class BadForks extends TestClient {
    final List<String> messages = new CopyOnWriteArrayList<>();

    BadForks(Path taskdir) {
      super(taskdir, "badforks");
    }

    @Startup
    public void start() {
      attempt(() -> fork("sqare", 1));
      attempt(() -> fork("square", "not a number"));
      attempt(() -> fork("square", 1, Fork.callback("nowhere")));
      attempt(() -> fork("square", null));
    }

    private void attempt(Runnable fork) {
      try {
        fork.run();
        messages.add("no error");
      } catch (IllegalArgumentException | IllegalStateException e) {
        messages.add(e.getMessage());
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void badForksFailAtForkWithAClearMessage() {
    BadForks client = new BadForks(tasks);
    client.run();

    assertThat(client.messages).containsExactly(
        "no @Node method named 'sqare' in BadForks (known: square)",
        "square takes a int, not a java.lang.String",
        "callback 'nowhere' is not a @Process or @Shutdown stage of BadForks (stages: end, stage1)",
        "square takes a int, not null");
    assertThatThrownBy(() -> client.fork("square", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only possible while run() is running");
    assertThatThrownBy(client::run).hasMessageContaining("has already been run");
  }
}
