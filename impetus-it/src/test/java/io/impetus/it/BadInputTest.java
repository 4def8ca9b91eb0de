package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.client.ImpetusException;
import io.impetus.core.net.AuthenticationException;
import io.impetus.core.net.HostAndPort;
import io.impetus.local.LocalCluster;
import io.impetus.node.NodeServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong keys, unreachable queues and missing directories each get one clear error. */
class BadInputTest {

  @TempDir Path tasks;

  /** Forks one job; counts how often its node method ran. */
  @Test
  void clientWithAWrongAuthkeyIsRefusedAndNothingRuns() throws IOException {
    try (LocalCluster cluster = LocalCluster.start(1, OneJobClient.class)) {
      OneJobClient client =
          new OneJobClient(cluster.address(), "not-the-key", tasks, "simple");

      assertThatThrownBy(client::run).isInstanceOf(ImpetusException.class)
          .hasMessage("the queue at " + cluster.address() + " refused this client: wrong authkey");

      assertThat(cluster.queue().streamIds()).isEmpty();
      assertThat(cluster.node().workers()).isZero();
      try (var files = Files.list(tasks.resolve("simple"))) {
        assertThat(files).allSatisfy(file -> assertThat(Files.size(file)).isZero());
      }
    }
  }

  @Test
  void nodeWithAWrongAuthkeyCannotRegister() {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(1, OneJobClient.class)) {
      io.impetus.node.NodeConfig config = io.impetus.node.NodeConfig
          .builder(HostAndPort.parse(cluster.address()))
          .authkey(io.impetus.core.net.Authkey.of("not-the-key")).build();

      assertThatThrownBy(() -> NodeServer.start(config))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("refused this node: wrong authkey");
      assertThat(cluster.queue().nodeCount()).isZero();
    }
  }

  @Test
  void unreachableQueueIsAClearError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    OneJobClient client = new OneJobClient("127.0.0.1:" + port, null, tasks, "simple");
    client.connectWindow(Duration.ofSeconds(1));

    assertThatThrownBy(client::run).isInstanceOf(ImpetusException.class)
        .hasMessageStartingWith("could not connect to the queue at 127.0.0.1:" + port
            + " within 1 s (last attempt: cannot reach the queue at 127.0.0.1:" + port);
  }

  @Test
  void missingTaskDirectoryIsAClearError() {
    assertThatThrownBy(
        () -> new OneJobClient("127.0.0.1:1", null, tasks.resolve("nope"), "simple"))
        .isInstanceOf(ImpetusException.class)
        .hasMessageContaining("task directory").hasMessageContaining("nope does not exist");
  }

  @Test
  void malformedAddressIsAClearError() {
    assertThatThrownBy(() -> new OneJobClient("localhost", null, tasks, "simple"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address 'localhost' is not of the form host:port");
  }
}
