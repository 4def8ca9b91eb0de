package io.impetus.core.worker;

import io.impetus.core.net.HostAndPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line a node starts a worker with: {@link #commandLine()} writes it as {@code --name
 * value} pairs, {@link #parse} reads it back. Only nodes write it, so it is read by hand rather
 * than with picocli, which the daemons' command lines use: picocli's classes are Java 5 class
 * files, which class data sharing cannot archive (see the node's class archive), and every worker
 * read and verified 165 of them from their jar before its first job.
 *
 * <p>A worker started for a stream has its {@link Assignment} on its command line ({@code
 * --stream}, {@code --idle-ms}, {@code --max-jobs}, {@code --max-age-ms}); a warm worker, started
 * ahead of need, has none and waits for its node to send one; with {@code --leave-when-warm true}
 * it leaves once warm unless it got one meanwhile (it writes the node's class archive as it exits).
 *
 * @param queue the queue to lease from
 * @param node the id of the node that started the worker
 * @param cache the node's code bundle cache
 * @param slot the file through which the node learns which job runs (see {@code JobSlot})
 * @param reconnect how long it tries to reach a lost queue before giving up
 * @param assignment the stream to work for and how long to stay, or null for a warm worker
 * @param leaveWhenWarm whether a warm worker leaves once warm unless it got a stream meanwhile
 */
public record WorkerArguments(HostAndPort queue, String node, Path cache, Path slot,
    Duration reconnect, @Nullable Assignment assignment, boolean leaveWhenWarm) {

  /** How long a worker tries to reach a lost queue unless told otherwise. */
  public static final Duration DEFAULT_RECONNECT = Duration.ofMinutes(5);

  /**
   * The worker's main class, in the {@code impetus-worker} module, which must be on the workers'
   * classpath: nodes start it by name.
   */
  public static final String MAIN_CLASS = "io.impetus.worker.internal.WorkerMain";

  private static final List<String> REQUIRED = List.of("--queue", "--node", "--cache", "--slot");
  private static final List<String> OPTIONAL = List.of("--stream", "--idle-ms", "--max-jobs",
      "--max-age-ms", "--reconnect-ms", "--leave-when-warm");

  /** The arguments after the main class name. */
  public List<String> commandLine() {
    List<String> line = new ArrayList<>(List.of("--queue", queue.toString(), "--node", node,
        "--cache", cache.toString(), "--slot", slot.toString(),
        "--reconnect-ms", Long.toString(reconnect.toMillis())));
    if (assignment != null) {
      line.addAll(List.of("--stream", assignment.stream(),
          "--idle-ms", Long.toString(assignment.idle().toMillis()),
          "--max-jobs", Integer.toString(assignment.maxJobs()),
          "--max-age-ms", Long.toString(assignment.maxAge().toMillis())));
    }
    if (leaveWhenWarm) {
      line.addAll(List.of("--leave-when-warm", "true"));
    }
    return List.copyOf(line);
  }

  /**
   * Reads a command line written by {@link #commandLine()}.
   *
   * @throws IllegalArgumentException naming the first option that is unknown, repeated, without
   *     a value, missing or malformed
   */
  public static WorkerArguments parse(List<String> args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
      if (i + 1 == args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (values.put(name, args.get(i + 1)) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : REQUIRED) {
      if (!values.containsKey(name)) {
        missing.add(name);
      }
    }
    if (values.containsKey("--stream") && !values.containsKey("--idle-ms")) {
      missing.add("--idle-ms");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing " + String.join(", ", missing));
    }
    Assignment assignment = null;
    if (values.containsKey("--stream") && values.containsKey("--leave-when-warm")) {
      throw new IllegalArgumentException("--leave-when-warm is for warm workers, without --stream");
    }
    if (values.containsKey("--stream")) {
      assignment = new Assignment(values.get("--stream"),
          Duration.ofMillis(count(values, "--idle-ms", 0)),
          (int) Math.min(Integer.MAX_VALUE, count(values, "--max-jobs", 0)),
          Duration.ofMillis(count(values, "--max-age-ms", 0)));
    } else {
      for (String name : List.of("--idle-ms", "--max-jobs", "--max-age-ms")) {
        if (values.containsKey(name)) {
          throw new IllegalArgumentException(name + " needs --stream");
        }
      }
    }
    return new WorkerArguments(HostAndPort.parse(values.get("--queue")), values.get("--node"),
        Path.of(values.get("--cache")), Path.of(values.get("--slot")),
        Duration.ofMillis(count(values, "--reconnect-ms", DEFAULT_RECONNECT.toMillis())),
        assignment, flag(values, "--leave-when-warm"));
  }

  private static boolean flag(Map<String, String> values, String name) {
    String value = values.getOrDefault(name, "false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(name + " takes true or false, not '" + value + "'");
    }
    return value.equals("true");
  }

  private static long count(Map<String, String> values, String name, long otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      long count = Long.parseLong(value);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " takes a whole number of at least 0, not '"
        + value + "'");
  }
}
