package io.impetus.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A daemon's pid file, {@code <piddir>/<Name>.pid}, holding the decimal pid of the daemon's JVM
 * and a newline. {@link #read} tells whether it names a running daemon: the pid must be alive
 * and its command line must contain every marker (the daemon's class and the pid directory), so
 * that a pid reused by an unrelated process after a crash is not mistaken for the daemon. Any
 * other content, including a file that cannot be read, makes the file {@link Stale} with a reason
 * fit for a message.
 *
 * <p>Writes are atomic (a sibling file renamed over it), so readers never see a partial pid.
 * Thread-safe; the file itself may be changed at any time by other processes.
 */
final class PidFile {

  /** What a pid file says. */
  sealed interface State permits Absent, Running, Stale {}

  /** There is no pid file. */
  record Absent() implements State {}

  /** The pid file names the running daemon {@code pid}. */
  record Running(long pid) implements State {}

  /** The pid file names no running daemon, for {@code reason} ("pid 12 is not running"). */
  record Stale(String reason) implements State {}

  private static final int SHOWN_CHARS = 20;

  private final Path path;
  private final List<String> markers;
  private final ProcessTable processes;

  /**
   * @param path the pid file
   * @param markers strings the daemon's command line contains, e.g. its class name
   * @param processes where to look processes up
   */
  PidFile(Path path, List<String> markers, ProcessTable processes) {
    this.path = path;
    this.markers = List.copyOf(markers);
    this.processes = processes;
  }

  Path path() {
    return path;
  }

  /** Whether the file is absent, names the running daemon, or is stale (and why). */
  State read() {
    byte[] raw;
    try {
      raw = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new Absent();
    } catch (IOException e) {
      return new Stale("cannot read it: " + e.getMessage());
    }
    String text = new String(raw, StandardCharsets.US_ASCII).strip();
    if (text.isEmpty()) {
      return new Stale("it is empty");
    }
    Optional<Long> pid = parse(text);
    if (pid.isEmpty()) {
      return new Stale("it holds '" + shown(text) + "', not a pid");
    }
    long value = pid.get();
    if (value == ProcessHandle.current().pid()) {
      return new Stale("pid " + value + " is this command, not the daemon");
    }
    Optional<String> commandLine = processes.commandLine(value);
    if (commandLine.isEmpty()) {
      return new Stale("pid " + value + " is not running");
    }
    if (!isDaemon(commandLine.get())) {
      return new Stale("pid " + value + " is another program (" + program(commandLine.get())
          + ")");
    }
    return new Running(value);
  }

  /** Whether {@code pid} is alive and is the daemon (its command line has every marker). */
  boolean isDaemon(long pid) {
    return processes.commandLine(pid).filter(this::isDaemon).isPresent();
  }

  private boolean isDaemon(String commandLine) {
    return markers.stream().allMatch(commandLine::contains);
  }

  /** The pid the file holds, without checking the process; empty if none or unreadable. */
  Optional<Long> pid() {
    try {
      return parse(Files.readString(path, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code pid} atomically, replacing the file if present. */
  void write(long pid) throws IOException {
    Path partial = path.resolveSibling(path.getFileName() + "." + pid + ".tmp");
    Files.writeString(partial, pid + "\n", StandardCharsets.US_ASCII);
    try {
      Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Deletes the file if present. */
  void delete() throws IOException {
    Files.deleteIfExists(path);
  }

  /**
   * Deletes the file if it still holds {@code pid}, leaving one written since by another daemon
   * alone. Failures are ignored: this runs while a daemon exits.
   */
  void deleteIfHolds(long pid) {
    if (pid().filter(held -> held == pid).isPresent()) {
      try {
        delete();
      } catch (IOException e) {
        // Left behind; the next start or stop finds it stale.
      }
    }
  }

  private static Optional<Long> parse(String text) {
    try {
      long pid = Long.parseLong(text);
      return pid > 0 ? Optional.of(pid) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String program(String commandLine) {
    String first = commandLine.split(" ", 2)[0];
    return shown(first.substring(first.lastIndexOf('/') + 1));
  }

  private static String shown(String text) {
    String head = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
    StringBuilder printable = new StringBuilder();
    head.chars().forEach(c -> printable.append(c >= ' ' && c < 127 ? (char) c : '?'));
    return printable.toString();
  }
}
