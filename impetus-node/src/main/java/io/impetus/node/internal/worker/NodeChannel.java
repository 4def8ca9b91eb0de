package io.impetus.node.internal.worker;

import io.impetus.node.internal.control.ControlLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The worker's end of the control channel with its node (see {@link ControlLine}): answers
 * thread dump requests, passes on drain requests, and halts the
 * worker when the node is gone, so that no worker outlives its supervisor.
 *
 * <p>Thread-safe; the listening thread is a daemon.
 */
final class NodeChannel {

  private final PrintStream out;
  private final InputStream in;
  private final Thread jobThread;
  private final Runnable onDrain;

  /**
   * A channel over the node's pipes.
   *
   * @param out the worker's original standard output, which the node reads
   * @param in the worker's standard input, which the node writes
   * @param jobThread the thread that runs jobs, listed first in thread dumps
   * @param onDrain called once when the node asks the worker to drain
   */
  NodeChannel(PrintStream out, InputStream in, Thread jobThread, Runnable onDrain) {
    this.out = out;
    this.in = in;
    this.jobThread = jobThread;
    this.onDrain = onDrain;
  }

  /** Starts listening to the node. */
  void listen() {
    Thread listener = new Thread(this::readCommands, "impetus-node-channel");
    listener.setDaemon(true);
    listener.start();
  }

  private void readCommands() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.equals(ControlLine.DUMP)) {
          send(ControlLine.dump(ThreadDump.of(jobThread)));
        } else if (line.equals(ControlLine.DRAIN)) {
          onDrain.run();
        }
      }
    } catch (IOException e) {
      // the node is gone: fall through
    }
    Runtime.getRuntime().halt(1);
  }

  private void send(String line) {
    synchronized (out) {
      out.print(line);
      out.flush();
    }
  }
}
