package io.impetus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Appends the benchmark's JSON lines to a file, one JSON object a line, each with three more
 * fields: {@code date}, when the invocation started (UTC, ISO-8601, the same on all of its lines,
 * so that they can be told apart from another invocation's); {@code commit}, the source tree's
 * ({@code git rev-parse --short HEAD}, else {@code unknown}); and {@code machine}: its cores,
 * {@code os.arch}, the processor's model from {@code /proc/cpuinfo} (null where unreadable) and
 * the Java version. The benchmark's thread appends; not thread-safe.
 */
final class Recorder {

  /** Where {@code --record} without a file appends, under the benchmark's source tree. */
  static final Path DEFAULT_FILE = Path.of("results", "bench.jsonl");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
  private static final long GIT_SECONDS = 10;

  private final Path file;
  private final Map<String, Object> stamp;

  private Recorder(Path file, Map<String, Object> stamp) {
    this.file = file;
    this.stamp = stamp;
  }

  /**
   * A recorder appending to {@code file}, creating its directory, whose lines say the invocation
   * started at {@code started}.
   *
   * @throws IOException when the directory cannot be created
   */
  static Recorder open(Path file, Instant started) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
    stamp.put("commit", commit(sourceTree()));
    stamp.put("machine", machine());
    return new Recorder(file, stamp);
  }

  /**
   * The file that {@code --record} names: {@code option} itself, or when blank the default file
   * in the benchmark's source tree.
   *
   * @throws IllegalArgumentException when it is blank and the benchmark does not run from its
   *     source tree
   */
  static Path file(String option) {
    if (!option.isBlank()) {
      return Path.of(option);
    }
    Path tree = sourceTree();
    if (tree == null) {
      throw new IllegalArgumentException("the benchmark does not run from its source tree; give"
          + " a FILE");
    }
    return tree.resolve(DEFAULT_FILE);
  }

  /** Appends {@code line} with the date, commit and machine. */
  void append(Map<String, Object> line) throws IOException {
    Map<String, Object> recorded = new LinkedHashMap<>(line);
    recorded.putAll(stamp);
    Files.writeString(file, JSON.writeValueAsString(recorded) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * The benchmark module's directory when it runs from its build ({@code impetus-bench/target}),
   * else null.
   */
  static @Nullable Path sourceTree() {
    CodeSource source = Recorder.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    Path path;
    try {
      path = Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    for (; path != null; path = path.getParent()) {
      Path fileName = path.getFileName();
      Path module = path.getParent();
      if (fileName != null && fileName.toString().equals("target") && module != null
          && Files.isRegularFile(module.resolve("pom.xml"))) {
        return module;
      }
    }
    return null;
  }

  private static String commit(@Nullable Path tree) {
    List<String> command = tree == null ? List.of("git", "rev-parse", "--short", "HEAD")
        : List.of("git", "-C", tree.toString(), "rev-parse", "--short", "HEAD");
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
      git.getOutputStream().close();
      String output;
      try (InputStream in = git.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!git.waitFor(GIT_SECONDS, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return "unknown";
      }
      return git.exitValue() == 0 && output.matches("[0-9a-f]{4,40}") ? output : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static Map<String, @Nullable Object> machine() {
    Map<String, @Nullable Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("arch", System.getProperty("os.arch"));
    machine.put("cpu", cpuModel());
    machine.put("java", System.getProperty("java.version"));
    return machine;
  }

  private static @Nullable String cpuModel() {
    try {
      for (String line : Files.readAllLines(CPU_INFO)) {
        if (line.startsWith("model name") && line.contains(":")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: said as null
    }
    return null;
  }
}
