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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream whose workers cannot start (here the JVM refuses its {@code jvmoptions}) gets one
 * worker at a time, after waits that double with each failure, and a warning that says so: not
 * a new JVM every few milliseconds for as long as its jobs wait.
 */
class WorkerStartFailureTest {

  @TempDir Path tasks;

  /** Forks one job on a stream whose workers' JVM options are invalid. */
  static class Refused extends Client {
    Refused(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, null,
          Map.of("jvmoptions", "-Xmx1z", "mpps", "2"));
    }

    @Node
    static int echo(int value) {
      return value;
    }

    @Startup
    public void start() {
      fork("echo", 1);
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      // no worker ever runs the job
    }
  }

  @Test
  void workersThatCannotStartAreStartedAgainAfterWaitsThatDouble() {
    try (CapturedLog log = new CapturedLog();
        LocalCluster cluster = LocalCluster.start(2, Refused.class)) {
      Refused client = new Refused(cluster, tasks);
      client.reconnectWindow(Duration.ofSeconds(1));
      Thread running = new Thread(() -> {
        try {
          client.run();
        } catch (RuntimeException e) {
          // the cluster closed under the waiting client
        }
      }, "refused-client");
      running.setDaemon(true);
      running.start();

      await().atMost(Duration.ofMinutes(1))
          .until(() -> failures(log).stream().anyMatch(line -> line.contains("(4 in a row)")));
      List<String> lines = log.messages();
      List<String> failures = failures(log);
      assertThat(failures.subList(0, 4)).extracting(line -> line.replaceAll(".*starts in ", ""))
          .containsExactly("0.5 s; their standard error says why",
              "1 s; their standard error says why", "2 s; their standard error says why",
              "4 s; their standard error says why");
      assertThat(lines.stream().filter(line -> line.startsWith("created worker ")).count())
          .isLessThanOrEqualTo(failures.size() + 1L);
    }
  }

  private static List<String> failures(CapturedLog log) {
    return log.messages().stream().filter(line -> line.startsWith("workers of stream "))
        .toList();
  }
}
