package io.impetus.daemon;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a daemon that failed to start wrote to its {@code .err} file into one line for the
 * user. Only the part written since {@link #mark} counts. In order of preference the reason is:
 * the daemon's own one-line message ({@code "impetus-queue: cannot listen on ..."}, as printed by
 * {@link Foreground}); the first {@code Caused by:} of a stack trace, which under jsvc is the
 * exception the daemon's {@code start()} threw (jsvc wraps it in an
 * {@code InvocationTargetException}); the first exception line; the last other line that is not
 * one of jsvc's trailers ({@code Cannot start daemon}, {@code Service exit with a return value of
 * 5}). Stateless.
 */
final class StartFailure {

  private static final Pattern CAUSED_BY = Pattern.compile("^Caused by: [\\w$.]+: (.+)$");
  private static final Pattern EXCEPTION =
      Pattern.compile("^[\\w$]+(?:\\.[\\w$]+)+(?:Exception|Error)(?:: (.+))?$");
  private static final Pattern JSVC_TRAILER =
      Pattern.compile("^(Cannot (start|load|init) daemon|Service exit with .*|Service killed .*)$");
  private static final int MAX_READ = 64 * 1024;

  private StartFailure() {}

  /** Where the part of {@code errFile} written from now on begins. */
  static long mark(Path errFile) {
    try {
      return Files.exists(errFile) ? Files.size(errFile) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The one-line reason for a failed start.
   *
   * @param name the command's name, stripped from the daemon's own message
   * @param errFile the daemon's standard error file
   * @param mark where the daemon's output begins, from {@link #mark}
   * @return the reason, empty if the daemon wrote nothing useful
   */
  static Optional<String> reason(String name, Path errFile, long mark) {
    return reason(name, written(errFile, mark));
  }

  static Optional<String> reason(String name, String written) {
    List<String> lines = written.lines().map(String::stripTrailing)
        .filter(line -> !line.isBlank()).toList();
    String prefix = name + ": ";
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(prefix)) {
        return Optional.of(lines.get(i).substring(prefix.length()));
      }
    }
    for (String line : lines) {
      Matcher cause = CAUSED_BY.matcher(line);
      if (cause.matches()) {
        return Optional.of(cause.group(1));
      }
    }
    for (String line : lines) {
      Matcher exception = EXCEPTION.matcher(line);
      if (exception.matches()) {
        return Optional.of(exception.group(1) != null ? exception.group(1) : line);
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (!Character.isWhitespace(line.charAt(0)) && !JSVC_TRAILER.matcher(line).matches()) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  private static String written(Path errFile, long mark) {
    try (RandomAccessFile file = new RandomAccessFile(errFile.toFile(), "r")) {
      long start = Math.max(mark, file.length() - MAX_READ);
      byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
