package io.impetus.it;

import static io.impetus.it.RunningProcess.script;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * A queue daemon and a node daemon as a user starts them for an example: {@code bin/impetus-queue}
 * and {@code bin/impetus-node} in the foreground, on a free port, with their data and output in a
 * test's directory. Closing stops the node, then the queue.
 *
 * @param port the queue's port, for an example's {@code -p}
 * @param queue the queue daemon, whose output is {@code queue.out} in the test's directory
 * @param node the node daemon, whose output is {@code node.out} in the test's directory
 */
record Daemons(String port, RunningProcess queue, RunningProcess node) implements AutoCloseable {

  /**
   * Starts the queue, with {@code authkey} and its data in {@code dir/data}, and a node of at most
   * {@code mpps} workers per stream; returns once the node has connected.
   */
  static Daemons start(Path dir, String authkey, int mpps) throws IOException {
    String port = Integer.toString(freePort());
    RunningProcess queue = RunningProcess.start(dir, "queue", List.of(
        script("bin/impetus-queue"), "-p", port, "-a", authkey, "--data",
        dir.resolve("data").toString(), "foreground"));
    RunningProcess node = null;
    try {
      queue.awaitOutput("queue listening");
      node = RunningProcess.start(dir, "node", List.of(script("bin/impetus-node"), "-p", port,
          "-a", authkey, "-m", Integer.toString(mpps), "foreground"));
      node.awaitOutput("connected to queue");
      return new Daemons(port, queue, node);
    } catch (RuntimeException | Error e) {
      if (node != null) {
        node.close();
      }
      queue.close();
      throw e;
    }
  }

  /** A loopback port that nothing listens on, as far as one can tell. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      node.close();
    } finally {
      queue.close();
    }
  }
}
