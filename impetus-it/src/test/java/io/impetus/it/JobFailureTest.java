package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.client.Fork;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job code that throws, exits the JVM, runs out of memory, crashes the JVM or hangs past its time
 * limit: each ends as a clear {@code .err} entry (the hang with a thread dump), its worker is
 * replaced, and the stream's other jobs complete. A job's own attempt limit and timeout override
 * the stream's.
 */
class JobFailureTest {

  @TempDir Path tasks;

  /** Forks well-behaved jobs among one of each kind of failure. */
  static class Failing extends Client {
    Failing(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "failing",
          Map.of("maxattempts", "2", "heap", "64m", "mpps", "2"));
    }

    @Node
    static int square(int i) {
      return i * i;
    }

    @Node
    static int exit(int status) {
      System.exit(status);
      return -1;
    }

    /** As {@link #exit}, forked with more attempts than the stream's {@code maxattempts}. */
    @Node
    static int quit(int status) {
      System.exit(status);
      return -1;
    }

    @Node
    static int hog(int chunkMegabytes) {
      List<byte[]> hoard = new ArrayList<>();
      while (true) {
        hoard.add(new byte[chunkMegabytes << 20]);
      }
    }

    @Node
    static long spin(long seed) {
      long value = seed;
      while (value != 0) {
        value = value * 6364136223846793005L + 1442695040888963407L;
        if (value == seed) {
          value = 1;
        }
      }
      return value;
    }

    /** Writes to address 0 through {@code sun.misc.Unsafe}: the JVM dies of SIGSEGV. */
    @Node
    static int crash(int i) throws ReflectiveOperationException {
      Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
      return -1;
    }

    @Node
    static int reject(int i) {
      throw new IllegalArgumentException("cannot take " + i);
    }

    @Startup
    public void start() {
      for (int i = 0; i < 10; i++) {
        fork("square", i);
      }
      fork("exit", 3);
      fork("quit", 4, Fork.defaults().maxAttempts(3));
      fork("hog", 8);
      fork("spin", 7L, Fork.defaults().timeout(Duration.ofSeconds(2)));
      fork("reject", 5);
      fork("crash", 0);
      for (int i = 10; i < 20; i++) {
        fork("square", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void eachFailureIsAClearErrorAndTheOtherJobsComplete() {
    try (LocalCluster cluster = LocalCluster.start(2, Failing.class)) {
      new Failing(cluster, tasks).run();

      assertThat(TaskLogs.read(tasks, "failing", "stage1.ok"))
          .extracting(job -> job.get("result").asInt())
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, 20).map(i -> i * i).boxed().toList());
      Map<String, JsonNode> errors = TaskLogs.read(tasks, "failing", "stage1.err").stream()
          .collect(Collectors.toMap(job -> job.get("name").asText(), Function.identity()));
      assertThat(errors).containsOnlyKeys("exit", "quit", "hog", "spin", "reject", "crash");

      JsonNode exit = errors.get("exit");
      assertThat(exit.get("attempts").asInt()).isEqualTo(2);
      assertThat(exit.at("/result/error").asText())
          .contains("exited with status 3 while running the job");

      JsonNode quit = errors.get("quit");
      assertThat(quit.get("attempts").asInt()).isEqualTo(3);
      assertThat(quit.get("maxattempts").asText()).isEqualTo("3");
      assertThat(quit.at("/result/error").asText())
          .isEqualTo("the worker exited with status 4 while running the job (attempt 3 of 3)");

      JsonNode hog = errors.get("hog");
      assertThat(hog.at("/result/error").asText()).contains("OutOfMemoryError");
      assertThat(hog.at("/result/name").asText()).isEqualTo("hog");
      assertThat(hog.at("/result/statement").asText()).contains("Failing.hog(");

      JsonNode spin = errors.get("spin");
      assertThat(spin.get("attempts").asInt()).isEqualTo(2);
      assertThat(spin.at("/result/error").asText()).contains("time limit of 2 s");
      assertThat(spin.at("/result/stacktrace").asText())
          .contains("JobFailureTest$Failing.spin(JobFailureTest.java");

      JsonNode crash = errors.get("crash");
      assertThat(crash.get("attempts").asInt()).isEqualTo(2);
      assertThat(crash.at("/result/error").asText())
          .startsWith("the worker's JVM crashed while running the job");
      assertThat(crash.at("/result/stacktrace").asText()).contains("SIGSEGV");

      JsonNode reject = errors.get("reject");
      assertThat(reject.get("attempts").asInt()).isEqualTo(1);
      assertThat(reject.at("/result/error").asText())
          .isEqualTo("java.lang.IllegalArgumentException: cannot take 5");
      assertThat(reject.at("/result/name").asText()).isEqualTo("reject");
      assertThat(reject.at("/result/linenumber").asInt()).isPositive();
      assertThat(reject.at("/result/statement").asText()).contains("Failing.reject(");

      assertThat(cluster.node().closeFuture()).isNotDone();
    }
  }
}
