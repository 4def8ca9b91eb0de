package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.JobContext;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job code sees its id, stream and attempt in its environment and through its context. */
class JobEnvironmentTest {

  @TempDir Path tasks;

  /** Forks jobs that report what they see. */
  static class Curious extends Client {
    Curious(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "curious", Map.of());
    }

    /** Answers "env-id env-stream env-attempt | context-id context-stream context-attempt". */
    @Node
    static String whoAmI(int i) {
      JobContext context = JobContext.current();
      return System.getenv("IMPETUS_JOB_ID") + " " + System.getenv("IMPETUS_STREAM") + " "
          + System.getenv("IMPETUS_ATTEMPT") + " | " + context.jobId() + " " + context.stream()
          + " " + context.attempt();
    }

    @Startup
    public void start() {
      for (int i = 0; i < 3; i++) {
        fork("whoAmI", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void jobsSeeTheirIdStreamAndAttempt() {
    try (LocalCluster cluster = LocalCluster.start(1, Curious.class)) {
      new Curious(cluster, tasks).run();

      assertThat(TaskLogs.read(tasks, "curious", "stage1.ok")).hasSize(3).allSatisfy(job -> {
        String id = job.get("id").asText();
        assertThat(job.get("result").asText())
            .isEqualTo(id + " curious 1 | " + id + " curious 1");
      });
    }
  }
}
