package io.impetus.worker.internal;

import io.impetus.core.worker.Assignment;
import io.impetus.core.worker.ControlLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The worker's end of the control channel with its node (see {@link ControlLine}): answers
 * thread dump requests, passes on requests to leave (drain, retire) and a warm worker's
 * assignment, and halts the worker when the node is gone, so that no worker outlives its
 * supervisor.
 *
 * <p>Thread-safe; the listening thread is a daemon.
 */
final class NodeChannel {

  private final PrintStream out;
  private final InputStream in;
  private final Thread jobThread;
  private final Consumer<String> onLeave;
  private final Consumer<Assignment> onAssign;

  /**
   * A channel over the node's pipes.
   *
   * @param out the worker's original standard output, which the node reads
   * @param in the worker's standard input, which the node writes
   * @param jobThread the thread that runs jobs, listed first in thread dumps
   * @param onLeave called with the reason when the node asks the worker to leave once its jobs
   *     are done
   * @param onAssign called with the stream a warm worker is to work for
   */
  NodeChannel(PrintStream out, InputStream in, Thread jobThread, Consumer<String> onLeave,
      Consumer<Assignment> onAssign) {
    this.out = out;
    this.in = in;
    this.jobThread = jobThread;
    this.onLeave = onLeave;
    this.onAssign = onAssign;
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
          onLeave.accept("its node is draining");
        } else if (line.equals(ControlLine.RETIRE)) {
          onLeave.accept("its node gives its slot to another stream");
        } else if (line.startsWith(ControlLine.ASSIGN + " ")) {
          assign(line.substring(ControlLine.ASSIGN.length() + 1));
        }
      }
    } catch (IOException e) {
      // the node is gone: fall through
    }
    Runtime.getRuntime().halt(1);
  }

  /** Tells the node that this warm worker is warm and waits for a stream. */
  void ready() {
    send(ControlLine.ready());
  }

  private void assign(String words) {
    try {
      onAssign.accept(Assignment.parse(words));
    } catch (IllegalArgumentException e) {
      System.err.println("impetus-worker: ignoring the node's request: " + e.getMessage());
    }
  }

  private void send(String line) {
    synchronized (out) {
      out.print(line);
      out.flush();
    }
  }
}
