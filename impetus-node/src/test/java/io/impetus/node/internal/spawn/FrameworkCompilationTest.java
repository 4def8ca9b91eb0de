package io.impetus.node.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkCompilationTest {

  @TempDir
  Path cache;

  @Test
  void theDirectivesKeepC2OffEachFrameworkPackage() {
    assertThat(FrameworkCompilation.directives())
        .contains("c2: { Exclude: true }")
        .contains(FrameworkCompilation.FRAMEWORK.stream().map(p -> "\"" + p + "\"").toList());
  }

  @Test
  void jobsInOtherImpetusPackagesAreNotFramework() {
    assertThat(FrameworkCompilation.FRAMEWORK)
        .noneMatch(pattern -> pattern.startsWith("io/impetus/*"))
        .contains("io/impetus/core/*.*", "io/impetus/client/*.*", "io/impetus/worker/*.*");
  }

  @Test
  void aJvmStartsWithTheOptionsAndExcludesTheFrameworkFromC2() throws Exception {
    List<String> options = FrameworkCompilation.jvmOptions(cache);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-XX:+CompilerDirectivesPrint");
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(java.waitFor()).as(output).isZero();
    assertThat(output).contains("1 compiler directives added", "io/impetus/worker/*.*",
        "io/netty/*.*");
    assertThat(output.substring(output.indexOf("c2 directives:"))).contains("Exclude:true");
  }

  @Test
  void theFileIsWrittenOnceIntoTheCache() throws IOException {
    List<String> first = FrameworkCompilation.jvmOptions(cache);
    Path file = cache.resolve("jit").resolve("worker-compiler-directives.json");
    long written = Files.getLastModifiedTime(file).toMillis();
    Files.setLastModifiedTime(file, FileTime.fromMillis(written - 60_000));

    assertThat(FrameworkCompilation.jvmOptions(cache)).isEqualTo(first)
        .contains("-XX:CompilerDirectivesFile=" + file);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(written - 60_000);
    assertThat(Files.readString(file)).isEqualTo(FrameworkCompilation.directives());
  }

  @Test
  void aCacheThatCannotHoldTheFileMeansNoOptions() throws IOException {
    Path notADirectory = Files.writeString(cache.resolve("plain-file"), "x");

    assertThat(FrameworkCompilation.jvmOptions(notADirectory)).isEmpty();
  }
}
