package io.impetus.daemon;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a daemon as a JVM of its own when jsvc is not available: {@code setsid} (when
 * installed, so that the daemon has no controlling terminal and survives its hangup) runs
 * {@code <java.home>/bin/java}, the JVM options, the classpath, the daemon's class, its options and
 * the hidden action {@value DaemonCommand#DETACHED}, which runs the daemon like {@code foreground}
 * but writes the pid file once the daemon has started and deletes it when it stops. Standard input
 * is {@code /dev/null}; standard output and error are appended to the log files.
 *
 * <p>{@link #start} waits until the pid file holds the new JVM's pid, or the JVM exits (a failed
 * start: the reason comes from the {@code .err} file), or the start timeout passes. setsid runs
 * java in the same process, as the JVM's children are never process group leaders, so the pid is
 * that of the process started here. Immutable.
 */
record JvmDetacher(Optional<Path> setsid) implements Detacher {

  @Override
  public long start(LaunchSpec spec) {
    List<String> command = new ArrayList<>();
    setsid.ifPresent(program -> command.add(program.toString()));
    command.add(spec.javaHome().resolve("bin").resolve("java").toString());
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(spec.classpathString());
    command.add(spec.daemonClass());
    command.addAll(spec.options());
    command.add(DaemonCommand.DETACHED);
    long mark = StartFailure.mark(spec.errFile());
    Process process;
    try {
      process = new ProcessBuilder(command).directory(spec.workDir().toFile())
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(Redirect.appendTo(spec.outFile().toFile()))
          .redirectError(Redirect.appendTo(spec.errFile().toFile()))
          .start();
    } catch (IOException e) {
      throw new CommandFailure("cannot run " + command.get(0) + ": " + e.getMessage());
    }
    long pid = process.pid();
    boolean settled = Poll.until(spec.startTimeout(),
        () -> spec.pidFile().pid().filter(held -> held == pid).isPresent() || !process.isAlive());
    if (spec.pidFile().pid().filter(held -> held == pid).isPresent()) {
      return pid;
    }
    if (!settled) {
      throw new CommandFailure("pid " + pid + " did not start within "
          + spec.startTimeout().toSeconds() + " s; see " + spec.errFile());
    }
    String reason = StartFailure.reason(spec.name(), spec.errFile(), mark)
        .orElse("exited with status " + process.exitValue());
    throw new CommandFailure(reason + " (see " + spec.errFile() + ")");
  }
}
