package io.impetus.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.commons.daemon.Daemon;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Daemon} attached to the terminal: starts it, then waits until the JVM is asked to
 * stop (SIGTERM, SIGINT), when it stops the daemon, or until the daemon ends by itself (a node
 * whose queue went away), when it stops it and reports failure. A start that fails for a user
 * error is one line on standard error, not a stack trace.
 */
public final class Foreground {

  private Foreground() {}

  /**
   * Carries out a daemon command's action; only {@code foreground} exists so far.
   *
   * @param name the command's name, for messages
   * @param action the action the user asked for
   * @param daemon the daemon, already initialized
   * @param ended completes when the daemon has ended by itself; called after a successful start
   * @return the exit status: 0 when stopped, 1 when it could not start or ended by itself, 2 for
   *     an unknown action
   */
  public static int run(String name, String action, Daemon daemon,
      Supplier<CompletableFuture<?>> ended) {
    if (!"foreground".equals(action)) {
      System.err.println(name + ": unknown action '" + action + "' (try foreground)");
      return 2;
    }
    try {
      daemon.start();
    } catch (RuntimeException e) {
      System.err.println(name + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println(name + ": cannot start: " + e);
      return 1;
    }
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    CompletableFuture<?> end = ended.get();
    Thread hook = new Thread(() -> {
      stopping.set(true);
      stop(name, daemon);
      done.countDown();
    }, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    end.whenComplete((value, error) -> done.countDown());
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (end.isDone() && !stopping.get()) {
      LoggerFactory.getLogger(Foreground.class).error("{} ended by itself; stopping", name);
      stop(name, daemon);
      return 1;
    }
    return 0;
  }

  private static void stop(String name, Daemon daemon) {
    try {
      daemon.stop();
    } catch (Exception e) {
      LoggerFactory.getLogger(Foreground.class).error("{} did not stop cleanly", name, e);
    }
  }
}
