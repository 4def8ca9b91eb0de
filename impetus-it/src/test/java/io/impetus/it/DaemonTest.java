package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemons' command lines, run through bin/ as a user would. */
class DaemonTest {

  @TempDir Path dir;

  private static String freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Integer.toString(socket.getLocalPort());
    }
  }

  @Test
  void nodeOutlivesItsQueueAndRegistersAgainWhenTheQueueIsBack() throws IOException {
    String port = freePort();
    List<String> queueCommand = List.of(script("bin/impetus-queue"), "-p", port, "-a", "k",
        "--data", dir.resolve("data").toString(), "foreground");
    RunningProcess node;
    try (RunningProcess queue = RunningProcess.start(dir, "queue", queueCommand)
        .awaitOutput("queue listening")) {
      node = RunningProcess.start(dir, "node", List.of(
          script("bin/impetus-node"), "-p", port, "-a", "k", "foreground"))
          .awaitOutput("connected to queue");
      queue.awaitOutput("registered (capacity");
    }

    try (node) {
      node.awaitLog("lost the connection to the queue at 127.0.0.1:" + port + "; reconnecting");
      assertThat(node.isAlive()).isTrue();
      try (RunningProcess again = RunningProcess.start(dir, "queue-again", queueCommand)
          .awaitOutput("queue listening")) {
        again.awaitOutput("registered (capacity");
        node.awaitOutput("reconnected to the queue at 127.0.0.1:" + port);
        assertThat(node.isAlive()).isTrue();
        assertThat(node.stdout() + node.stderr()).doesNotContain("ended by itself");
      }
    }
  }

  @Test
  void queueRefusesAPublicAddressWithTheDefaultKey() {
    RunningProcess queue = RunningProcess.start(dir, "queue", List.of(
        script("bin/impetus-queue"), "-q", "0.0.0.0", "foreground"));

    assertThat(queue.awaitExit()).isEqualTo(1);
    assertThat(queue.stderr().lines()).singleElement().asString().isEqualTo("impetus-queue:"
        + " refusing to listen on 0.0.0.0:50000 with the default authkey: set -a/--authkey,"
        + " --authkey-file or IMPETUS_AUTHKEY");
  }

  @Test
  void unknownActionIsAUsageError() {
    RunningProcess queue = RunningProcess.start(dir, "queue", List.of(
        script("bin/impetus-queue"), "bogus"));

    assertThat(queue.awaitExit()).isEqualTo(2);
    assertThat(queue.stderr()).contains("unknown action 'bogus'");
  }

  @Test
  void dfsWithAnUnknownProviderSaysSoInOneLine() {
    RunningProcess dfs = RunningProcess.start(dir, "dfs", List.of(
        script("bin/impetus-dfs"), "--provider", "mars", "foreground"));

    assertThat(dfs.awaitExit()).isEqualTo(1);
    assertThat(dfs.stderr().lines()).singleElement().asString()
        .isEqualTo("impetus-dfs: unknown --provider 'mars' (local, ec2)");
  }

  @Test
  void dfsOnEc2WithoutItsClusterNameSaysSoInOneLine() {
    RunningProcess dfs = RunningProcess.start(dir, "dfs", List.of(
        script("bin/impetus-dfs"), "--provider", "ec2", "--ec2-authkey-source", "ssm:/key",
        "foreground"));

    assertThat(dfs.awaitExit()).isEqualTo(1);
    assertThat(dfs.stderr().lines()).singleElement().asString()
        .isEqualTo("impetus-dfs: --provider ec2 needs --ec2-cluster");
  }

  @Test
  void dfsWithoutAQueueWaitsForItOrAsLongAsItIsToldThenSaysSoInOneLine() throws IOException {
    String port = freePort();
    RunningProcess dfs = RunningProcess.start(dir, "dfs", List.of(
        script("bin/impetus-dfs"), "-p", port, "--local-dir", dir.resolve("nodes").toString(),
        "--wait-for-queue", "1", "foreground"));

    dfs.awaitLog("the queue at 127.0.0.1:" + port + " is not there yet");
    assertThat(dfs.awaitExit()).isEqualTo(1);
    assertThat(dfs.stdout() + dfs.stderr()).doesNotContain("\tat ")
        .contains("could not connect to the queue at 127.0.0.1:" + port + " within 1 s");
  }
}
