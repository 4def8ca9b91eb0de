package io.impetus.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A latch that jobs in other JVMs wait on: a job connects to the gate's port and reads one byte,
 * which the gate sends once the test has opened it. Lets a test hold jobs in flight without
 * timing anything.
 */
final class Gate implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger arrivals = new AtomicInteger();
  private final List<Socket> held = new ArrayList<>();
  private boolean open;

  Gate() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "gate");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Called by a job: returns once the gate at {@code port} is open (or gone). */
  static void pass(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        InputStream in = socket.getInputStream()) {
      in.read();
    } catch (IOException e) {
      // the gate is gone: nothing to wait for
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many jobs have reached the gate so far. */
  int arrivals() {
    return arrivals.get();
  }

  /** Lets every waiting job through, and every later one at once. */
  synchronized void open() {
    open = true;
    held.forEach(Gate::release);
    held.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        arrivals.incrementAndGet();
        synchronized (this) {
          if (open) {
            release(socket);
          } else {
            held.add(socket);
          }
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void release(Socket socket) {
    try (socket) {
      socket.getOutputStream().write(1);
    } catch (IOException e) {
      // the job is gone (its worker died): nothing to release
    }
  }

  @Override
  public synchronized void close() {
    open();
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
