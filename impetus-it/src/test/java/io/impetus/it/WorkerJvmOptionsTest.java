package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import io.impetus.node.NodeConfig;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM gets the node's options (the serial collector, class sharing, transparent huge
 * pages where the kernel lends them, the compiler directives that keep C2 off the framework's
 * code) and keeps Netty away from Java Flight Recorder, unless the stream's {@code jvmoptions},
 * which come after them, say otherwise.
 */
class WorkerJvmOptionsTest {

  @TempDir Path tasks;

  /** One job that answers with its worker's JVM options and whether Netty uses the recorder. */
  static class Options extends Client {
    volatile List<String> options = List.of();
    volatile boolean nettyRecords = true;

    Options(LocalCluster cluster, Path taskdir, @Nullable String jvmOptions) {
      super(cluster.address(), cluster.authkey(), taskdir, null, properties(jvmOptions));
    }

    private static Map<String, String> properties(@Nullable String jvmOptions) {
      Map<String, String> properties = new HashMap<>(Map.of("timeout", "1"));
      if (jvmOptions != null) {
        properties.put("jvmoptions", jvmOptions);
      }
      return properties;
    }

    @Node
    static List<String> workerOptions(int unused) {
      List<String> answer = new ArrayList<>(
          ManagementFactory.getRuntimeMXBean().getInputArguments());
      answer.add("netty-jfr=" + PlatformDependent.isJfrEnabled());
      return answer;
    }

    @Startup
    public void start() {
      fork("workerOptions", 0);
    }

    @Process
    @SuppressWarnings("unchecked")
    public void stage1(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        List<String> answer = new ArrayList<>(job.result(List.class));
        nettyRecords = answer.remove(answer.size() - 1).equals("netty-jfr=true");
        options = answer;
      }
    }
  }

  @Test
  void workersGetTheNodesOptionsAndNettyLeavesTheFlightRecorderAlone() {
    try (LocalCluster cluster = LocalCluster.start(1, Options.class)) {
      Options client = new Options(cluster, tasks, null);
      client.run();

      assertThat(client.options).contains("-XX:+UseSerialGC", "-Xshare:auto",
          "-Dio.netty.jfr.enabled=false");
      assertThat(client.options).containsAll(NodeConfig.defaultWorkerJvmOptions());
      assertThat(client.options).contains("-XX:+UnlockDiagnosticVMOptions")
          .anyMatch(option -> option.startsWith("-XX:CompilerDirectivesFile=")
              && option.endsWith("worker-compiler-directives.json"));
      assertThat(client.nettyRecords).isFalse();
    }
  }

  @Test
  void theStreamsJvmOptionsComeLastAndWin() {
    try (LocalCluster cluster = LocalCluster.start(1, Options.class)) {
      Options client = new Options(cluster, tasks, "-Dio.netty.jfr.enabled=true");
      client.run();

      assertThat(client.options).containsSubsequence("-Dio.netty.jfr.enabled=false",
          "-Dio.netty.jfr.enabled=true");
      assertThat(client.nettyRecords).isTrue();
    }
  }
}
