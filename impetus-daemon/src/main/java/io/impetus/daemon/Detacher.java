package io.impetus.daemon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a daemon detached from the terminal and the calling process: {@link JsvcDetacher}
 * through Apache Commons Daemon's {@code jsvc}, else {@link JvmDetacher}, a JVM in its own
 * session. {@link #start} returns once the daemon's {@code start()} has succeeded and its pid
 * file holds its pid; a daemon that fails to start is reported as a {@link CommandFailure} with
 * one line saying why.
 *
 * <p>Implementations are immutable. {@link #start} blocks for up to the spec's start timeout.
 */
interface Detacher {

  /** Environment variable naming the jsvc executable, or {@code none} for a detached JVM. */
  String JSVC_VARIABLE = "IMPETUS_JSVC";

  /**
   * Starts the daemon and waits for it to be running.
   *
   * @return the daemon's pid
   * @throws CommandFailure when it could not be started
   */
  long start(LaunchSpec spec);

  /**
   * The detacher the environment calls for: jsvc from {@code IMPETUS_JSVC}, else from the
   * {@code PATH}, else {@code /usr/bin/jsvc}; a detached JVM when {@code IMPETUS_JSVC=none} or no
   * jsvc is installed.
   *
   * @throws CommandFailure when {@code IMPETUS_JSVC} names no executable
   */
  static Detacher forEnvironment(Map<String, String> environment) {
    String chosen = environment.getOrDefault(JSVC_VARIABLE, "");
    Optional<Path> setsid = executable("setsid", environment);
    if ("none".equals(chosen)) {
      return new JvmDetacher(setsid);
    }
    if (!chosen.isEmpty()) {
      Path jsvc = Path.of(chosen).toAbsolutePath();
      if (!Files.isRegularFile(jsvc) || !Files.isExecutable(jsvc)) {
        throw new CommandFailure(JSVC_VARIABLE + "=" + chosen + " is not an executable; set it"
            + " to jsvc's path, or to 'none' for a detached JVM");
      }
      return new JsvcDetacher(jsvc);
    }
    return executable("jsvc", environment).<Detacher>map(JsvcDetacher::new)
        .orElseGet(() -> new JvmDetacher(setsid));
  }

  /** The absolute path of {@code program} on the PATH or in /usr/bin. */
  private static Optional<Path> executable(String program, Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, program).toAbsolutePath();
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
