package io.impetus.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.commons.daemon.Daemon;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Daemon} in this JVM until it is asked to stop: starts it, then waits until the JVM
 * is asked to stop (SIGTERM, SIGINT), when it stops the daemon, or until the daemon ends by itself
 * (a node that its queue refused), when it stops it and reports failure. A start that fails is one
 * line on standard error, not a stack trace. Serves the {@code foreground} action and, given a
 * pid file, the detached JVM's hidden action: the pid file is written once the daemon has started
 * and deleted once it has stopped.
 *
 * <p>{@link #run} is called once, from the main thread; stopping happens on the shutdown hook's
 * thread or the main thread, never both.
 */
final class Foreground {

  private final String name;
  private final Daemon daemon;
  private final Supplier<CompletableFuture<?>> ended;
  private final PrintWriter err;

  /**
   * @param name the command's name, for messages
   * @param daemon the daemon, already initialized
   * @param ended completes when the daemon has ended by itself; called after a successful start
   * @param err where a failed start is reported
   */
  Foreground(String name, Daemon daemon, Supplier<CompletableFuture<?>> ended, PrintWriter err) {
    this.name = name;
    this.daemon = daemon;
    this.ended = ended;
    this.err = err;
  }

  /**
   * Starts the daemon and returns when it has stopped.
   *
   * @param pidFile written with this JVM's pid after the start, deleted after the stop; null for
   *     none
   * @return 0 when stopped, 1 when it could not start or ended by itself
   */
  int run(@Nullable PidFile pidFile) {
    try {
      daemon.start();
    } catch (RuntimeException e) {
      err.println(name + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println(name + ": cannot start: " + e);
      return 1;
    }
    long pid = ProcessHandle.current().pid();
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    CompletableFuture<?> end = ended.get();
    Thread hook = new Thread(() -> {
      stopping.set(true);
      stop(pidFile, pid);
      done.countDown();
    }, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (pidFile != null) {
      try {
        pidFile.write(pid);
      } catch (IOException e) {
        err.println(name + ": cannot write " + pidFile.path() + ": "
            + CommandFailure.describe(e));
        return stopUnlessStopping(hook, pidFile, pid);
      }
    }
    end.whenComplete((value, error) -> done.countDown());
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (end.isDone() && !stopping.get()) {
      LoggerFactory.getLogger(Foreground.class).error("{} ended by itself; stopping", name);
      return stopUnlessStopping(hook, pidFile, pid);
    }
    return 0;
  }

  /** Stops the daemon here unless the JVM is already shutting down, which does it; returns 1. */
  private int stopUnlessStopping(Thread hook, @Nullable PidFile pidFile, long pid) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      return 1;
    }
    stop(pidFile, pid);
    return 1;
  }

  private void stop(@Nullable PidFile pidFile, long pid) {
    try {
      daemon.stop();
    } catch (Exception e) {
      LoggerFactory.getLogger(Foreground.class).error("{} did not stop cleanly", name, e);
    } finally {
      if (pidFile != null) {
        pidFile.deleteIfHolds(pid);
      }
    }
  }
}
