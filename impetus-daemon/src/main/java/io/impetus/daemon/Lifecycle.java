package io.impetus.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The {@code start}, {@code stop} and {@code restart} actions of a daemon, around its pid file.
 *
 * <ul>
 *   <li>{@code start} refuses (status 1) while the pid file names the running daemon, removes a
 *       stale one with a notice, creates the pid and log directories, and detaches the daemon
 *       with the {@link Detacher} (chosen only when needed, so that {@code stop} works whatever
 *       {@code IMPETUS_JSVC} says).
 *   <li>{@code stop} sends SIGTERM, which makes the daemon's {@code stop()} drain it, and waits
 *       for the process to exit; it never kills it. Not running is not an error.
 *   <li>{@code restart} stops the daemon if it runs, then starts a new one.
 * </ul>
 *
 * <p>Results go to {@code out} as one line each; failures are thrown as {@link CommandFailure}.
 * Not thread-safe; one command uses it once.
 */
final class Lifecycle {

  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final LaunchSpec spec;
  private final Supplier<Detacher> detacher;
  private final ProcessTable processes;
  private final PrintWriter out;

  Lifecycle(LaunchSpec spec, Supplier<Detacher> detacher, ProcessTable processes,
      PrintWriter out) {
    this.spec = spec;
    this.detacher = detacher;
    this.processes = processes;
    this.out = out;
  }

  /** Starts the daemon in the background; returns the exit status. */
  int start() {
    PidFile pidFile = spec.pidFile();
    PidFile.State state = pidFile.read();
    if (state instanceof PidFile.Running running) {
      throw new CommandFailure("already running (pid " + running.pid() + ")");
    }
    createDirectory("pid", pidFile.path().getParent());
    createDirectory("log", spec.outFile().getParent());
    if (state instanceof PidFile.Stale stale) {
      removeStale(stale);
    }
    long pid = detacher.get().start(spec);
    out.println(spec.name() + " started (pid " + pid + "); logs in "
        + spec.outFile().getParent());
    return 0;
  }

  /** Stops the daemon if it runs; returns the exit status. */
  int stop() {
    PidFile.State state = spec.pidFile().read();
    if (state instanceof PidFile.Running running) {
      terminate(running.pid());
      out.println(spec.name() + " stopped");
    } else {
      if (state instanceof PidFile.Stale stale) {
        removeStale(stale);
      }
      out.println(spec.name() + ": not running");
    }
    return 0;
  }

  /** Stops the daemon if it runs, then starts it; returns the exit status. */
  int restart() {
    if (spec.pidFile().read() instanceof PidFile.Running running) {
      terminate(running.pid());
      out.println(spec.name() + " stopped");
    }
    return start();
  }

  private void terminate(long pid) {
    PidFile pidFile = spec.pidFile();
    if (!processes.terminate(pid)) {
      if (pidFile.isDaemon(pid)) {
        throw new CommandFailure("cannot signal pid " + pid + " (not permitted?)");
      }
    }
    if (!Poll.until(STOP_TIMEOUT, () -> !pidFile.isDaemon(pid))) {
      throw new CommandFailure("pid " + pid + " did not stop within " + STOP_TIMEOUT.toSeconds()
          + " s of SIGTERM; it is still draining or stuck (see " + spec.errFile() + ")");
    }
    pidFile.deleteIfHolds(pid);
  }

  private void removeStale(PidFile.Stale stale) {
    try {
      spec.pidFile().delete();
    } catch (IOException e) {
      throw new CommandFailure("cannot remove stale pid file " + spec.pidFile().path() + " ("
          + stale.reason() + "): " + CommandFailure.describe(e));
    }
    out.println(spec.name() + ": removed stale pid file " + spec.pidFile().path() + " ("
        + stale.reason() + ")");
  }

  private static void createDirectory(String kind, Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new CommandFailure("cannot create " + kind + " directory " + directory + ": "
          + CommandFailure.describe(e));
    }
    if (!Files.isWritable(directory)) {
      throw new CommandFailure(kind + " directory " + directory + " is not writable");
    }
  }
}
