package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import io.impetus.node.NodeConfig;
import io.impetus.node.NodeServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's first worker writes the workers' class data sharing archive as it leaves (a warm one as
 * soon as it is warm, before any stream needs it, while another warm worker waits for the node's
 * first stream); the workers started after it map their classes from that archive.
 */
class WorkerClassArchiveTest {

  @TempDir Path tasks;
  @TempDir Path cache;

  /** One job that answers with its worker JVM's class sharing options. */
  static class Sharing extends Client {
    volatile String options = "";

    Sharing(LocalCluster cluster, Path taskdir, String id) {
      super(cluster.address(), cluster.authkey(), taskdir, id, Map.of("timeout", "1"));
    }

    @Node
    static String sharingOptions(int unused) {
      return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(option -> option.contains("Archive")).toList());
    }

    @Startup
    public void start() {
      fork("sharingOptions", 0);
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        options = job.result(String.class);
      }
    }
  }

  @Test
  void aWarmWorkerWritesTheArchiveBeforeAnyStreamAndLaterWorkersMapIt() throws IOException {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(1, Sharing.class)) {
      NodeConfig config = cluster.nodeBuilder().warm(1).cache(cache).build();
      try (NodeServer node = NodeServer.start(config)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> archives().size() == 1
            && node.warmWorkers().size() == 1);
        long warm = node.warmWorkers().get(0);

        Sharing first = new Sharing(cluster, tasks, "first");
        first.run();
        Sharing second = new Sharing(cluster, tasks, "second");
        second.run();

        assertThat(TaskLogs.read(tasks, "first", "stage1.ok")).singleElement()
            .satisfies(record -> assertThat(record.get("worker").asText())
                .as("the node's first stream is served by the warm worker started beside the"
                    + " archive's writer").isEqualTo(Long.toString(warm)));
        assertThat(first.options).as("started before the archive was written").isEmpty();
        assertThat(second.options).isEqualTo("-XX:SharedArchiveFile=" + archives().get(0));
      }
    }
  }

  @Test
  void firstWorkerWritesTheArchiveAndLaterWorkersMapIt() throws IOException {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(1, Sharing.class)) {
      NodeConfig config = cluster.nodeBuilder().warm(0).cache(cache).build();
      try (NodeServer node = NodeServer.start(config)) {
        Sharing first = new Sharing(cluster, tasks, "first");
        first.run();
        assertThat(first.options).startsWith("-XX:ArchiveClassesAtExit=");
        await().atMost(Duration.ofSeconds(60)).until(() -> archives().size() == 1);

        Sharing second = new Sharing(cluster, tasks, "second");
        second.run();

        assertThat(second.options).isEqualTo("-XX:SharedArchiveFile=" + archives().get(0));
        assertThat(archives().get(0).getFileName().toString()).matches("worker-[0-9a-f]{16}.jsa");
      }
    }
  }

  private List<Path> archives() throws IOException {
    Path folder = cache.resolve("cds");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".jsa")).toList();
    }
  }
}
