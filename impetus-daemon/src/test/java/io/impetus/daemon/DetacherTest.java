package io.impetus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetacherTest {

  @TempDir Path dir;

  private Path program(String name) throws IOException {
    Path program = dir.resolve("bin").resolve(name);
    Files.createDirectories(program.getParent());
    Files.writeString(program, "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return program;
  }

  @Test
  void jsvcOnThePathIsUsed() throws IOException {
    Path jsvc = program("jsvc");

    assertThat(Detacher.forEnvironment(Map.of("PATH", jsvc.getParent().toString())))
        .isEqualTo(new JsvcDetacher(jsvc));
  }

  @Test
  void environmentVariableNamesJsvc() throws IOException {
    Path jsvc = program("my-jsvc");

    assertThat(Detacher.forEnvironment(Map.of("IMPETUS_JSVC", jsvc.toString(), "PATH", "")))
        .isEqualTo(new JsvcDetacher(jsvc));
  }

  @Test
  void noneForcesADetachedJvm() throws IOException {
    Path jsvc = program("jsvc");

    assertThat(Detacher.forEnvironment(
        Map.of("IMPETUS_JSVC", "none", "PATH", jsvc.getParent().toString())))
        .isInstanceOf(JvmDetacher.class);
  }

  @Test
  void detachedJvmRunsUnderSetsidWhenInstalled() throws IOException {
    Path setsid = program("setsid");

    assertThat(Detacher.forEnvironment(
        Map.of("IMPETUS_JSVC", "none", "PATH", setsid.getParent().toString())))
        .isEqualTo(new JvmDetacher(Optional.of(setsid)));
  }

  @Test
  void variableNamingNoExecutableIsAUserError() {
    assertThatThrownBy(() -> Detacher.forEnvironment(Map.of("IMPETUS_JSVC", "/nonexistent")))
        .isInstanceOf(CommandFailure.class)
        .hasMessage("IMPETUS_JSVC=/nonexistent is not an executable; set it to jsvc's path,"
            + " or to 'none' for a detached JVM");
  }
}
