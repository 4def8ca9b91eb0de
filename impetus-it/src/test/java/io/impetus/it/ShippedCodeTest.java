package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.examples.helloworld.Helloworld;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client code reaches workers only as a shipped bundle, never through their classpath. */
class ShippedCodeTest {

  private static final String PROBE = "io/impetus/it/ShippedCodeTest$Probe.class";
  private static final String EXAMPLE = "io/impetus/examples/helloworld/Helloworld.class";

  @TempDir Path tasks;

  /** Reports, from inside the worker, how its own class got there. */
  static class Probe extends Client {
    static final List<String> answers = new CopyOnWriteArrayList<>();

    Probe(String address, String authkey, Path taskdir) {
      super(address, authkey, taskdir, null);
    }

    @Node
    static String probe(Integer ignored) {
      ClassLoader system = ClassLoader.getSystemClassLoader();
      boolean systemSeesClients =
          system.getResource(PROBE) != null || system.getResource(EXAMPLE) != null;
      return Probe.class.getClassLoader().getName() + "|" + systemSeesClients + "|"
          + ProcessHandle.current().pid() + "|" + System.getProperty("java.class.path");
    }

    @Startup
    public void start() {
      fork(Probe::probe, 1);
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      ready.forEach(job -> answers.add(job.result(String.class)));
      errors.forEach(job -> answers.add("error: " + job.error()));
    }
  }

  /**
   * The cluster is set up as the helloworld example sets up its embedded one, and told about
   * the probe as well: neither client's classes may be on the worker's classpath.
   */
  @Test
  void nodeMethodRunsInAnotherJvmFromABundleItsClasspathCannotSee() {
    try (LocalCluster cluster = LocalCluster.start(1, Probe.class, Helloworld.class)) {
      new Probe(cluster.address(), cluster.authkey(), tasks).run();
    }

    assertThat(Probe.answers).hasSize(1);
    String[] answer = Probe.answers.get(0).split("\\|", 4);
    assertThat(answer[0]).startsWith("bundle-");
    assertThat(answer[1]).as("worker's system class loader sees a client class")
        .isEqualTo("false");
    assertThat(Long.parseLong(answer[2])).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(answer[3]).doesNotContain("test-classes").doesNotContain("helloworld")
        .contains("impetus-node");
    assertThat(ClassLoader.getSystemClassLoader().getResource(EXAMPLE))
        .as("the test JVM itself does see the example, so the check above is meaningful")
        .isNotNull();
  }
}
