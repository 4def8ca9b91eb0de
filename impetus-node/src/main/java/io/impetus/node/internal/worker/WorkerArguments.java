package io.impetus.node.internal.worker;

import io.impetus.core.net.HostAndPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line a node starts a worker with: {@link #commandLine()} writes it as {@code --name
 * value} pairs, {@link #parse} reads it back. Only nodes write it, so it is read by hand rather
 * than with picocli, which the daemons' command lines use: picocli's classes are Java 5 class
 * files, which class data sharing cannot archive (see the node's class archive), and every worker
 * read and verified 165 of them from their jar before its first job.
 *
 * @param queue the queue to lease from
 * @param stream the stream to work for
 * @param node the id of the node that started the worker
 * @param cache the node's code bundle cache
 * @param slot the file through which the node learns which job runs (see {@code JobSlot})
 * @param idle how long the worker waits for a job before it leaves
 * @param maxJobs the most jobs it runs, 0 for no limit
 * @param maxAge how long it lives, once the jobs it holds are done; zero for no limit
 * @param reconnect how long it tries to reach a lost queue before giving up
 */
public record WorkerArguments(HostAndPort queue, String stream, String node, Path cache,
    Path slot, Duration idle, int maxJobs, Duration maxAge, Duration reconnect) {

  /** How long a worker tries to reach a lost queue unless told otherwise. */
  public static final Duration DEFAULT_RECONNECT = Duration.ofMinutes(5);

  private static final List<String> REQUIRED =
      List.of("--queue", "--stream", "--node", "--cache", "--slot", "--idle-ms");
  private static final List<String> OPTIONAL =
      List.of("--max-jobs", "--max-age-ms", "--reconnect-ms");

  /** The arguments after the main class name. */
  public List<String> commandLine() {
    return List.of("--queue", queue.toString(), "--stream", stream, "--node", node,
        "--cache", cache.toString(), "--slot", slot.toString(),
        "--idle-ms", Long.toString(idle.toMillis()), "--max-jobs", Integer.toString(maxJobs),
        "--max-age-ms", Long.toString(maxAge.toMillis()),
        "--reconnect-ms", Long.toString(reconnect.toMillis()));
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
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing " + String.join(", ", missing));
    }
    return new WorkerArguments(HostAndPort.parse(values.get("--queue")), values.get("--stream"),
        values.get("--node"), Path.of(values.get("--cache")), Path.of(values.get("--slot")),
        Duration.ofMillis(count(values, "--idle-ms", 0)),
        (int) Math.min(Integer.MAX_VALUE, count(values, "--max-jobs", 0)),
        Duration.ofMillis(count(values, "--max-age-ms", 0)),
        Duration.ofMillis(count(values, "--reconnect-ms", DEFAULT_RECONNECT.toMillis())));
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
