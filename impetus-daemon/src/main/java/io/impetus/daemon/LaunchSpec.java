package io.impetus.daemon;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link Detacher} needs to start a daemon in the background. Immutable; every path
 * is absolute.
 *
 * @param name the command's name for messages, e.g. {@code impetus-queue}
 * @param daemonClass the class implementing {@code Daemon}, which also has the {@code main}
 * @param options the daemon's command-line options, without an action
 * @param jvmOptions options for the JVM (system properties, {@code -X} options)
 * @param javaHome the Java installation to run
 * @param classpath the classpath entries
 * @param workDir the daemon's working directory
 * @param pidFile where the running daemon's pid is written
 * @param outFile where standard output is appended
 * @param errFile where standard error is appended
 * @param startTimeout how long a start may take before it counts as failed
 */
record LaunchSpec(String name, String daemonClass, List<String> options, List<String> jvmOptions,
    Path javaHome, List<Path> classpath, Path workDir, PidFile pidFile, Path outFile,
    Path errFile, Duration startTimeout) {

  LaunchSpec {
    options = List.copyOf(options);
    jvmOptions = List.copyOf(jvmOptions);
    classpath = List.copyOf(classpath);
  }

  /** The classpath as one {@code :}-separated string. */
  String classpathString() {
    return String.join(File.pathSeparator,
        classpath.stream().map(Path::toString).toList());
  }
}
