package io.impetus.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process started by a test, with its output in files the test can read and wait on. */
final class RunningProcess implements AutoCloseable {

  private final Process process;
  private final Path out;
  private final Path err;

  private RunningProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code command}, writing its output to files in {@code dir}. */
  static RunningProcess start(Path dir, String name, List<String> command) {
    return start(dir, name, command, Map.of());
  }

  /** Starts {@code command} with extra environment variables. */
  static RunningProcess start(Path dir, String name, List<String> command,
      Map<String, String> environment) {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().close();
      return new RunningProcess(process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of a script in the project's checkout. */
  static String script(String relative) {
    return Path.of(System.getProperty("impetus.root", "..")).resolve(relative).toAbsolutePath()
        .normalize().toString();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stdout() {
    return read(out);
  }

  String stderr() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until standard output contains {@code text}. */
  RunningProcess awaitOutput(String text) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      if (!process.isAlive() && !stdout().contains(text)) {
        throw new AssertionError("process ended without printing '" + text + "':\n" + stdout()
            + stderr());
      }
      return stdout().contains(text);
    });
    return this;
  }

  /** Waits until standard output or standard error contains {@code text}. */
  RunningProcess awaitLog(String text) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      boolean found = stdout().contains(text) || stderr().contains(text);
      if (!found && !process.isAlive()) {
        throw new AssertionError("process ended without logging '" + text + "':\n" + stdout()
            + stderr());
      }
      return found;
    });
    return this;
  }

  /**
   * Kills the process at once, as {@code kill -9} does (the bin/ launchers exec the JVM, so this
   * is the JVM itself), and waits until it is gone.
   */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("process " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Freezes the process ({@code kill -STOP}): its sockets stay open and the kernel still accepts
   * connections for it, but it answers nothing.
   */
  void freeze() {
    try {
      Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid()))
          .inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -STOP " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the process to end and returns its exit status. */
  int awaitExit() {
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("process did not end:\n" + stdout() + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
