package io.impetus.node.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransparentHugePagesTest {

  @TempDir Path dir;

  @Test
  void asksForHugePagesWhereTheKernelLendsThemOnRequestOrAlways() throws IOException {
    assertThat(TransparentHugePages.jvmOptions(setting("always [madvise] never\n")))
        .containsExactly("-XX:+UseTransparentHugePages");
    assertThat(TransparentHugePages.jvmOptions(setting("[always] madvise never\n")))
        .containsExactly("-XX:+UseTransparentHugePages");
  }

  @Test
  void asksForNothingWhereTheyAreOffOrUnknown() throws IOException {
    assertThat(TransparentHugePages.jvmOptions(setting("always madvise [never]\n"))).isEmpty();
    assertThat(TransparentHugePages.jvmOptions(setting(""))).isEmpty();
    assertThat(TransparentHugePages.jvmOptions(dir.resolve("missing"))).isEmpty();
    assertThat(TransparentHugePages.jvmOptions(dir)).isEmpty();
  }

  private Path setting(String content) throws IOException {
    return Files.writeString(dir.resolve("enabled"), content);
  }
}
