package io.impetus.node.internal.spawn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the optimizing compiler (C2) off the framework's code in workers: Impetus, Netty, Kryo
 * and logging run as code of the client compiler (C1), while the jobs' code is compiled as usual.
 * A worker is a young JVM that lives for one stream; C2 compiling the framework's paths, which a
 * job hardly spends its time in, took more of the processor than the jobs themselves in short
 * benchmark runs and competed with them. The JVM reads the rule from a compiler directives file,
 * written once into the node's cache.
 *
 * <p>A node that cannot write the file starts its workers without the rule (and says so once).
 * A stream's {@code jvmoptions} come after these options, so they may name another file.
 */
final class FrameworkCompilation {

  private static final Logger LOG = LoggerFactory.getLogger(FrameworkCompilation.class);

  /**
   * The packages of the framework's code that workers run, as class name patterns of compiler
   * directives: Impetus's modules by name, so that jobs in other {@code io.impetus} packages (the
   * examples, the benchmark's workloads) are compiled as any job.
   */
  static final List<String> FRAMEWORK = List.of("io/impetus/core/*.*", "io/impetus/client/*.*",
      "io/impetus/daemon/*.*", "io/impetus/worker/*.*", "io/netty/*.*", "com/esotericsoftware/*.*",
      "org/objenesis/*.*", "ch/qos/logback/*.*", "org/slf4j/*.*");

  private static final String FILE = "worker-compiler-directives.json";

  private FrameworkCompilation() {}

  /** The directives: no C2 for the framework's methods. */
  static String directives() {
    return FRAMEWORK.stream().map(pattern -> "\"" + pattern + "\"")
        .collect(Collectors.joining(", ", "[{ match: [", "], c2: { Exclude: true } }]\n"));
  }

  /**
   * The JVM options that apply the directives, after writing them into {@code cache} unless they
   * are there; none when the file cannot be written.
   */
  static List<String> jvmOptions(Path cache) {
    Path file = cache.resolve("jit").resolve(FILE);
    try {
      String directives = directives();
      if (!Files.exists(file) || !Files.readString(file).equals(directives)) {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
        Files.writeString(temporary, directives, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write the workers' compiler directives {} ({}); workers compile the"
          + " framework's code with C2 too", file, e.toString());
      return List.of();
    }
    return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file);
  }
}
