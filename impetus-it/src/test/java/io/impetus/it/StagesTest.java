package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages, callbacks, fork options and failures, on an embedded queue and node with real worker
 * JVMs.
 */
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

  /** Squares three numbers; stage1 keeps what it receives. */
  static class Logged extends TestClient {
    final List<Job> received = new CopyOnWriteArrayList<>();

    Logged(Path taskdir) {
      super(taskdir, "logged");
    }

    @Startup
    public void start() {
      for (int i = 0; i < 3; i++) {
        fork("square", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      received.addAll(ready);
    }
  }

  @Test
  void aTaskLogThatCannotBeWrittenFailsTheRunAndItsResultsWaitAtTheQueue() throws IOException {
    Path full = Files.createDirectories(tasks.resolve("logged")).resolve("stage1.ok");
    Files.createSymbolicLink(full, Path.of("/dev/full"));

    assertThatThrownBy(new Logged(tasks)::run).hasMessageContaining("cannot write the task log")
        .hasMessageContaining("No space left on device");

    Files.delete(full);
    Logged again = new Logged(tasks);
    again.run();
    assertThat(TaskLogs.read(tasks, "logged", "stage1.ok"))
        .extracting(record -> record.get("result").asInt()).containsExactlyInAnyOrder(0, 1, 4);
  }

  /**
   * A stage that forks each result on to stage2 and then throws, on every batch; stage2 sums
   * what it receives.
   */
  static class Throwing extends TestClient {
    final AtomicLong total = new AtomicLong();
    final AtomicInteger received = new AtomicInteger();

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
      for (Job job : ready) {
        fork("square", job.result(Integer.class));
      }
      throw new IllegalStateException("stage bug");
    }

    @Process
    public void stage2(List<Job> ready, List<Job> errors) {
      received.addAndGet(ready.size() + errors.size());
      for (Job job : ready) {
        total.addAndGet(job.result(Integer.class));
      }
    }
  }

  @Test
  void stageThatThrowsIsCountedAndDoesNotHangRunNorStopTheOtherStages() {
    Throwing client = new Throwing(tasks);

    client.run();

    assertThat(client.finalProgress.processed("stage1")).isEqualTo(20);
    assertThat(client.finalProgress.stageErrors("stage1")).isPositive();
    assertThat(TaskLogs.read(tasks, "throwing", "stage1.ok")).hasSize(20);
    assertThat(client.received).hasValue(20);
    assertThat(client.total).hasValue(IntStream.range(0, 20).mapToLong(i -> (long) i * i * i * i)
        .sum());
    assertThat(client.finalProgress.processed("stage2")).isEqualTo(20);
    assertThat(client.finalProgress.stageErrors("stage2")).isZero();
    assertThat(TaskLogs.read(tasks, "throwing", "stage2.ok")).hasSize(20);
  }

  /** Records the properties its jobs were forked with, as the stage reads them. */
  static class Tagged extends TestClient {
    final List<Object> seen = new CopyOnWriteArrayList<>();

    Tagged(Path taskdir) {
      super(taskdir, "tagged");
    }

    @Startup
    public void start() {
      fork("square", 3, Fork.defaults().property("batch", "b7").property("owner", "me"));
      fork("square", 4, Fork.defaults().timeout(Duration.ofMinutes(1)).maxAttempts(2));
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        seen.add(job.result(Integer.class) + ":" + job.get("batch") + ":" + job.get("owner"));
      }
    }
  }

  @Test
  void forkPropertiesAndLimitsAreRecordedInTheJob() {
    new Tagged(tasks).run();

    Map<Integer, JsonNode> records = TaskLogs.read(tasks, "tagged", "stage1.ok").stream()
        .collect(Collectors.toMap(r -> r.get("result").asInt(), r -> r));
    assertThat(records).containsOnlyKeys(9, 16);
    assertThat(records.get(9).get("batch").asText()).isEqualTo("b7");
    assertThat(records.get(9).get("owner").asText()).isEqualTo("me");
    assertThat(records.get(9).has("timelimit")).isFalse();
    assertThat(records.get(9).has("maxattempts")).isFalse();
    assertThat(records.get(16).get("timelimit").asText()).isEqualTo("60.0");
    assertThat(records.get(16).get("maxattempts").asText()).isEqualTo("2");
    assertThat(records.get(16).has("batch")).isFalse();
  }

  /** A stage that takes at most three jobs per call, and holds its first call until all ran. */
  static class SmallBatches extends TestClient {
    final List<Integer> sizes = new CopyOnWriteArrayList<>();
    final AtomicLong total = new AtomicLong();

    SmallBatches(Path taskdir) {
      super(taskdir, "smallbatches");
    }

    @Startup
    public void start() {
      for (int i = 0; i < 30; i++) {
        fork("square", i);
      }
    }

    @Process(batch = 3)
    public void stage1(List<Job> ready, List<Job> errors) {
      if (sizes.isEmpty()) {
        // hold the first batch until every job has finished, so that without the cap the next
        // call would receive nearly all the others at once
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.queue().backlog(id())
            .map(backlog -> backlog.waiting() + backlog.running() == 0).orElse(false));
      }
      sizes.add(ready.size() + errors.size());
      for (Job job : ready) {
        total.addAndGet(job.result(Integer.class));
      }
    }
  }

  @Test
  void processStageNeverReceivesMoreThanItsBatchSize() {
    SmallBatches client = new SmallBatches(tasks);

    client.run();

    assertThat(client.sizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
    assertThat(client.sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
    assertThat(client.total).hasValue(IntStream.range(0, 30).map(i -> i * i).sum());
    assertThat(client.finalProgress.processed("stage1")).isEqualTo(30);
  }

  /** Declares the pipeline's first stages and a node method, for a subclass to complete. */
  abstract static class InheritedBase extends TestClient {
    InheritedBase(Path taskdir) {
      super(taskdir, "inherited");
    }

    @Node
    static int cube(int i) {
      return i * i * i;
    }

    @Startup
    public void start() {
      for (int i = 0; i < 5; i++) {
        fork("cube", i);
      }
    }

    @Process
    public void first(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        fork(TestClient::square, job.result(Integer.class));
      }
    }
  }

  /** Inherits the base's stages and adds the last one, which forks the inherited node method. */
  static class Inheriting extends InheritedBase {
    final List<Integer> results = new CopyOnWriteArrayList<>();

    Inheriting(Path taskdir) {
      super(taskdir);
    }

    @Process
    public void second(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        results.add(job.result(Integer.class));
        if (job.result(Integer.class) == 64) {
          fork(InheritedBase::cube, 2, Fork.callback("third"));
        }
      }
    }

    @Process
    public void third(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        results.add(-job.result(Integer.class));
      }
    }
  }

  @Test
  void inheritedStagesAndNodeMethodsRunBeforeTheSubclassesOwnStage() {
    Inheriting client = new Inheriting(tasks);

    client.run();

    assertThat(client.finalProgress.stages()).containsExactly("start", "first", "second",
        "third");
    assertThat(client.results).containsExactlyInAnyOrder(0, 1, 64, 729, 4096, -8);
    assertThat(TaskLogs.read(tasks, "inherited", "first.ok")).hasSize(5)
        .allMatch(r -> r.get("name").asText().equals("cube"));
    assertThat(TaskLogs.read(tasks, "inherited", "second.ok")).hasSize(5)
        .allMatch(r -> r.get("name").asText().equals("square"));
    assertThat(TaskLogs.read(tasks, "inherited", "third.ok")).hasSize(1);
    assertThat(client.finalProgress.line("third"))
        .isEqualTo("thread: start 5/0 -> first 5/5 -> second 1/5 -> third 0/1 via third");
  }

  /**
   * Relay forks each startup result on to loop, the last stage, which forks every job it
   * receives back to itself until the job's countdown reaches 0: chain {@code c} passes through
   * loop {@code c + 1} times. The longest chain ends alone, each of its late forks made while it
   * is the only work left, and relay is still busy while the other chains loop.
   */
  static class LateForks extends TestClient {
    static final int CHAINS = 16;
    final AtomicLong looped = new AtomicLong();

    LateForks(Path taskdir, String id) {
      super(taskdir, id);
    }

    @Node
    static int less(int i) {
      return i - 1;
    }

    @Startup
    public void start() {
      for (int c = 0; c < CHAINS; c++) {
        fork("less", c + 1);
      }
    }

    @Process
    public void relay(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        fork("less", job.result(Integer.class) + 1);
      }
    }

    @Process
    public void loop(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        int countdown = job.result(Integer.class);
        looped.addAndGet(countdown);
        if (countdown > 0) {
          fork("less", countdown, Fork.callback("loop"));
        }
      }
    }
  }

  @RepeatedTest(5)
  void lateForksFromTheLastStageWhileAnotherStageIsFinishingAreAllProcessed(
      RepetitionInfo repetition) {
    String id = "lateforks-" + repetition.getCurrentRepetition();
    LateForks client = new LateForks(tasks, id);

    client.run();

    int chains = LateForks.CHAINS;
    int passes = chains * (chains + 1) / 2;
    assertThat(client.finalProgress.line("loop")).isEqualTo("thread: start " + chains
        + "/0 -> relay " + chains + "/" + chains + " -> loop " + (passes - chains) + "/" + passes
        + " via loop");
    assertThat(client.finalProgress.stageErrors("relay")).isZero();
    assertThat(client.finalProgress.stageErrors("loop")).isZero();
    assertThat(client.looped).hasValue(
        IntStream.range(0, chains).mapToLong(c -> (long) c * (c + 1) / 2).sum());
    assertThat(TaskLogs.read(tasks, id, "loop.ok")).hasSize(passes);
    assertThat(TaskLogs.read(tasks, id, "relay.ok")).hasSize(chains);
  }

  /** An argument Kryo cannot serialize: java.lang does not open a thread's fields. */
  record HoldsThread(Thread thread) {}

  /** An argument whose lambda Kryo would write but no one could read. */
  record HoldsLambda(Runnable task) {}

  /**
   * Forks with bad input from its startup stage and from a {@code @Shutdown} method, and records
   * what each fork said.
   */
  static class BadForks extends TestClient {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> shutdownMessages = new CopyOnWriteArrayList<>();

    BadForks(Path taskdir) {
      super(taskdir, "badforks");
    }

    @Node
    static int measure(Object anything) {
      return 0;
    }

    @Startup
    public void start() {
      attempt(messages, () -> fork("sqare", 1));
      attempt(messages, () -> fork("square", "not a number"));
      attempt(messages, () -> fork("square", 1, Fork.callback("nowhere")));
      attempt(messages, () -> fork("square", null));
      attempt(messages, () -> fork("measure", new HoldsThread(Thread.currentThread())));
      attempt(messages, () -> fork("measure", new HoldsLambda(() -> {})));
    }

    private static void attempt(List<String> messages, Runnable fork) {
      try {
        fork.run();
        messages.add("no error");
      } catch (IllegalArgumentException | IllegalStateException e) {
        messages.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}

    @Shutdown
    public void late(List<Job> ready, List<Job> errors, Progress progress) {
      attempt(shutdownMessages, () -> fork("square", 1));
      attempt(shutdownMessages, () -> fork(TestClient::square, 2, Fork.callback("stage1")));
    }
  }

  @Test
  void badForksFailAtForkWithAClearMessage() {
    BadForks client = new BadForks(tasks);
    client.run();

    assertThat(client.messages).hasSize(6);
    assertThat(client.messages.subList(0, 4)).containsExactly(
        "IllegalArgumentException: no @Node method named 'sqare' in BadForks"
            + " (known: square, measure)",
        "IllegalArgumentException: square takes a int, not a java.lang.String",
        "IllegalArgumentException: callback 'nowhere' is not a @Process or @Shutdown stage of"
            + " BadForks (stages: end, stage1, late)",
        "IllegalArgumentException: square takes a int, not null");
    assertThat(client.messages.get(4)).startsWith("IllegalArgumentException: the argument of"
        + " fork(\"measure\") cannot serialize a value of type " + HoldsThread.class.getName()
        + ": java.lang.reflect.InaccessibleObjectException: Unable to make field");
    assertThat(client.messages.get(5)).startsWith("IllegalArgumentException: the argument of"
        + " fork(\"measure\") cannot serialize a value of type " + HoldsLambda.class.getName()
        + ": " + BadForks.class.getName() + "$$Lambda")
        .contains(" is a lambda or another hidden class, which cannot be read back");
    assertThat(client.shutdownMessages).containsExactly(
        "IllegalStateException: fork(\"square\") from @Shutdown late: the run has finished"
            + " processing; fork from a @Startup or @Process stage",
        "IllegalStateException: fork(\"square\") from @Shutdown late: the run has finished"
            + " processing; fork from a @Startup or @Process stage");
    assertThat(client.finalProgress.forked("start")).isZero();
    assertThatThrownBy(() -> client.fork("square", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fork(\"square\") after run() has finished processing is only possible while"
            + " run() is running, from a @Startup or @Process stage");
    assertThatThrownBy(client::run).hasMessageContaining("has already been run");
  }
}
