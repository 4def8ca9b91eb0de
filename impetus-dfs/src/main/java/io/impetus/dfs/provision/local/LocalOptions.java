package io.impetus.dfs.provision.local;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the local provisioner starts node daemons.
 *
 * @param queue the queue the nodes connect to
 * @param authkey the queue's key, handed to each node in its environment (never on its command
 *     line, where {@code ps} would show it)
 * @param mpps each node's {@code -m/--mpps}
 * @param capacity each node's {@code -c/--capacity}, its workers in all; 0 for the node's
 *     default (4 &times; mpps)
 * @param java the {@code java} executable
 * @param classpath the nodes' classpath: Impetus and its libraries, never a client's classes
 *     (workers inherit it)
 * @param stateDirectory where the nodes' pid files, output and bundle cache go; created when
 *     missing. A DFS started again on the same directory adopts the nodes still running
 * @param jvmOptions options for the nodes' JVMs
 */
public record LocalOptions(HostAndPort queue, Authkey authkey, int mpps, int capacity, Path java,
    String classpath, Path stateDirectory, List<String> jvmOptions) {

  /** Checks the values. */
  public LocalOptions {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(authkey, "authkey");
    if (mpps <= 0) {
      throw new IllegalArgumentException("mpps must be positive, not " + mpps);
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("the capacity must not be negative, not " + capacity);
    }
    if (classpath.isBlank()) {
      throw new IllegalArgumentException("the nodes' classpath must not be empty");
    }
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** The {@code java} of the running JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
