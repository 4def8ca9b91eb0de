package io.impetus.daemon;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a daemon through Apache Commons Daemon's {@code jsvc}, called by its absolute path with
 * absolute {@code -home}, {@code -cp}, {@code -cwd}, {@code -pidfile}, {@code -outfile} and
 * {@code -errfile}, and {@code -wait} so that jsvc returns only once the daemon's {@code init} and
 * {@code start} have succeeded (status 0) or failed (status 1). jsvc then runs the daemon's class
 * as a {@code Daemon} with the options (no action), calls {@code stop()} and {@code destroy()} on
 * SIGTERM, and deletes the pid file when the daemon exits.
 *
 * <p>jsvc's quirks, as of 1.0.15:
 *
 * <ul>
 *   <li>It reports a failed start on the terminal with nothing but its exit status, and writes the
 *       daemon's exception (wrapped in an {@code InvocationTargetException}) and "Cannot start
 *       daemon" to the {@code .err} file, which {@link StartFailure} turns into one line.
 *   <li>{@code -wait N} checks every {@code 1 + N/10} seconds, ten times: {@code -wait 10} answers
 *       within 2 s of the start and gives up after about 20 s, when the daemon may still be
 *       starting; that is reported as such.
 *   <li>Only {@code -D}, {@code -X}, assertion and agent options reach the JVM; other JVM options
 *       are dropped.
 *   <li>Its own messages from before it detaches (a wrong {@code -home}) go to its standard
 *       output, kept here in a temporary file.
 *   <li>Its controller process restarts a JVM killed by a signal (after 60 s), so a daemon is
 *       stopped with SIGTERM to the JVM, or to the controller, never SIGKILL to the JVM alone.
 * </ul>
 *
 * <p>Immutable.
 */
record JsvcDetacher(Path jsvc) implements Detacher {

  private static final List<String> JVM_OPTION_PREFIXES = List.of("-D", "-X", "-ea", "-da",
      "-esa", "-dsa", "-enableassertions", "-disableassertions", "-enablesystemassertions",
      "-disablesystemassertions", "-agentlib:", "-agentpath:", "-javaagent:", "-verbose");

  /** jsvc's {@code -wait}; see above. */
  private static final int WAIT = 10;

  @Override
  public long start(LaunchSpec spec) {
    List<String> command = new ArrayList<>(List.of(jsvc.toString(),
        "-home", spec.javaHome().toString(),
        "-cp", spec.classpathString(),
        "-cwd", spec.workDir().toString(),
        "-pidfile", spec.pidFile().path().toString(),
        "-outfile", spec.outFile().toString(),
        "-errfile", spec.errFile().toString(),
        "-wait", Integer.toString(WAIT)));
    spec.jvmOptions().stream()
        .filter(option -> JVM_OPTION_PREFIXES.stream().anyMatch(option::startsWith))
        .forEach(command::add);
    command.add(spec.daemonClass());
    command.addAll(spec.options());
    long mark = StartFailure.mark(spec.errFile());
    Path jsvcOutput = null;
    try {
      jsvcOutput = Files.createTempFile("impetus-jsvc", ".out");
      Process process = new ProcessBuilder(command).directory(spec.workDir().toFile())
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(jsvcOutput.toFile()).redirectErrorStream(true)
          .start();
      if (!process.waitFor(spec.startTimeout().toSeconds(), TimeUnit.SECONDS)) {
        process.destroy();
        throw new CommandFailure(jsvc + " did not return within "
            + spec.startTimeout().toSeconds() + " s; see " + spec.errFile());
      }
      String said = Files.readString(jsvcOutput).strip();
      if (process.exitValue() == 0) {
        return spec.pidFile().pid().orElseThrow(() -> new CommandFailure(
            jsvc + " started the daemon but wrote no pid to " + spec.pidFile().path()));
      }
      // After a failed start jsvc returns once its controller has exited, which deletes the pid
      // file; a pid file naming a live daemon means that jsvc gave up waiting.
      String reason = spec.pidFile().pid().filter(spec.pidFile()::isDaemon)
          .map(pid -> "not started yet after jsvc's wait; still starting as pid " + pid)
          .or(() -> StartFailure.reason(spec.name(), spec.errFile(), mark))
          .or(() -> StartFailure.reason(spec.name(), said))
          .orElse(jsvc + " exited with status " + process.exitValue());
      throw new CommandFailure(reason + " (see " + spec.errFile() + ")");
    } catch (IOException e) {
      throw new CommandFailure("cannot run " + jsvc + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while waiting for " + jsvc);
    } finally {
      if (jsvcOutput != null) {
        try {
          Files.deleteIfExists(jsvcOutput);
        } catch (IOException e) {
          // A temporary file left behind.
        }
      }
    }
  }
}
