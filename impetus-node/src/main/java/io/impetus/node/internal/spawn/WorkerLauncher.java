package io.impetus.node.internal.spawn;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts worker JVMs: {@code java -cp <worker classpath> WorkerMain ...}. The classpath is
 * Impetus and its libraries only; the client's classes reach the worker as a code bundle. The
 * authkey goes through the child's environment, so that it never shows in a process listing.
 * Workers write to the node's standard output and error, or append to a log file.
 */
public final class WorkerLauncher {

  private static final String MAIN = "io.impetus.node.internal.worker.WorkerMain";

  private final Path java;
  private final String classpath;
  private final List<String> jvmOptions;
  private final HostAndPort queue;
  private final Authkey authkey;
  private final String nodeId;
  private final Path cache;
  private final @Nullable Path log;

  /** A launcher for the workers of one node; {@code log} null means the node's own output. */
  public WorkerLauncher(Path java, String classpath, List<String> jvmOptions, HostAndPort queue,
      Authkey authkey, String nodeId, Path cache, @Nullable Path log) {
    this.java = java;
    this.classpath = classpath;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.queue = queue;
    this.authkey = authkey;
    this.nodeId = nodeId;
    this.cache = cache;
    this.log = log;
  }

  /**
   * Starts a worker for {@code streamId} that exits after {@code idle} without a job.
   *
   * @throws UncheckedIOException when the JVM cannot be started
   */
  public Process launch(String streamId, Duration idle) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(MAIN);
    command.addAll(List.of("--queue", queue.toString(), "--stream", streamId, "--node", nodeId,
        "--cache", cache.toString(), "--idle-ms", Long.toString(idle.toMillis())));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (log == null) {
      builder.inheritIO();
    } else {
      builder.redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectErrorStream(true);
    }
    builder.environment().put(Authkey.ENVIRONMENT_VARIABLE, authkey.reveal());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker JVM with " + java + ": " + e, e);
    }
  }
}
