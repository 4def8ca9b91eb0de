package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.local.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clients whose classes have the same names but different code run at the same time on one
 * node: every job runs the code of the bundle its own client shipped.
 */
class SideBySideVersionsTest {

  private static final String CLIENT = "versioned.VersionedClient";
  private static final int JOBS = 5;
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /**
   * The client of one version: each job waits at that version's {@link Gate} (its port compiled
   * in), then reports the version, what its {@code Helper} says, and its class loader's name.
   */
  private static final String CLIENT_SOURCE = """
      package versioned;

      import io.impetus.client.Client;
      import io.impetus.client.Job;
      import io.impetus.client.Node;
      import io.impetus.client.Process;
      import io.impetus.client.Startup;
      import java.io.IOException;
      import java.io.InputStream;
      import java.net.InetAddress;
      import java.net.Socket;
      import java.nio.file.Path;
      import java.util.List;

      public class VersionedClient extends Client {
        static final String VERSION = "%s";
        static final int GATE_PORT = %d;

        public VersionedClient(String address, String authkey, Path taskdir, String id) {
          super(address, authkey, taskdir, id);
        }

        @Node
        static String work(int index) {
          try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), GATE_PORT);
              InputStream in = socket.getInputStream()) {
            in.read();
          } catch (IOException e) {
            // the gate is gone: nothing to wait for
          }
          return VERSION + "/" + Helper.describe(index) + "/"
              + VersionedClient.class.getClassLoader().getName();
        }

        @Startup
        public void start() {
          for (int i = 0; i < %d; i++) {
            fork("work", i);
          }
        }

        @Process
        public void stage1(List<Job> ready, List<Job> errors) {}
      }
      """;

  /** A helper of the same name in both versions, which behaves differently in each. */
  private static final String HELPER_SOURCE = """
      package versioned;

      final class Helper {
        static String describe(int index) {
          return %s;
        }
      }
      """;

  @TempDir Path temp;

  @Test
  void twoVersionsOfTheSameClassesRunSideBySide() throws Exception {
    Path tasks = Files.createDirectories(temp.resolve("tasks"));
    ExecutorService runs = Executors.newFixedThreadPool(2);
    try (Gate gate1 = new Gate(); Gate gate2 = new Gate()) {
      Class<?> v1 = load(compile("v1", gate1.port(), "\"one:\" + index"));
      Class<?> v2 = load(compile("v2", gate2.port(), "\"two:\" + (index * 100)"));
      assertThat(v1.getName()).isEqualTo(v2.getName());

      try (LocalCluster cluster = LocalCluster.start(2, v1, v2)) {
        CompletableFuture<Void> run1 = CompletableFuture.runAsync(
            () -> client(v1, cluster, tasks, "client-v1").run(), runs);
        CompletableFuture<Void> run2 = CompletableFuture.runAsync(
            () -> client(v2, cluster, tasks, "client-v2").run(), runs);

        await().atMost(PATIENCE).until(() -> gate1.arrivals() > 0 && gate2.arrivals() > 0
            || run1.isCompletedExceptionally() || run2.isCompletedExceptionally());
        run1.getNow(null); // throws if the run failed before its jobs got going
        run2.getNow(null);
        assertThat(gate1.arrivals()).as("v1 jobs held while v2 jobs run").isPositive();
        assertThat(gate2.arrivals()).as("v2 jobs held while v1 jobs run").isPositive();
        gate1.open();
        gate2.open();
        CompletableFuture.allOf(run1, run2).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      runs.shutdownNow();
    }

    String code1 = assertOnlyOwnResults(tasks, "client-v1",
        IntStream.range(0, JOBS).mapToObj(i -> "v1/one:" + i).toList());
    String code2 = assertOnlyOwnResults(tasks, "client-v2",
        IntStream.range(0, JOBS).mapToObj(i -> "v2/two:" + i * 100).toList());
    assertThat(code1).isNotEqualTo(code2);
  }

  /**
   * Checks that the client's {@code .ok} log holds exactly {@code expected}, each computed by the
   * one bundle all its jobs name, and that it has no errors.
   *
   * @return that bundle's hash
   */
  private static String assertOnlyOwnResults(Path tasks, String id, List<String> expected) {
    List<JsonNode> ok = TaskLogs.read(tasks, id, "stage1.ok");
    assertThat(TaskLogs.read(tasks, id, "stage1.err")).isEmpty();
    List<String> codes = ok.stream().map(record -> record.get("code").asText()).distinct()
        .toList();
    assertThat(codes).as("bundles named by the jobs of " + id).hasSize(1);
    String code = codes.get(0);
    String loader = "bundle-" + code.substring(0, 12);
    assertThat(ok).extracting(record -> record.get("result").asText())
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(result -> result + "/" + loader).toList());
    return code;
  }

  /** Compiles one version into a directory of its own, off the test's classpath. */
  private Path compile(String version, int gatePort, String helperExpression)
      throws IOException {
    Path sources = Files.createDirectories(temp.resolve(version).resolve("src/versioned"));
    Path classes = Files.createDirectories(temp.resolve(version).resolve("classes"));
    Path client = Files.writeString(sources.resolve("VersionedClient.java"),
        CLIENT_SOURCE.formatted(version, gatePort, JOBS));
    Path helper = Files.writeString(sources.resolve("Helper.java"),
        HELPER_SOURCE.formatted(helperExpression));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK's compiler").isNotNull();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compiler.run(null, errors, errors, "--release", "17", "-d", classes.toString(),
        "-classpath", System.getProperty("java.class.path"), client.toString(),
        helper.toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  private static Class<?> load(Path classes) throws IOException, ClassNotFoundException {
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        SideBySideVersionsTest.class.getClassLoader());
    return loader.loadClass(CLIENT);
  }

  private static Client client(Class<?> type, LocalCluster cluster, Path tasks, String id) {
    try {
      return (Client) type.getConstructor(String.class, String.class, Path.class, String.class)
          .newInstance(cluster.address(), cluster.authkey(), tasks, id);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }
}
