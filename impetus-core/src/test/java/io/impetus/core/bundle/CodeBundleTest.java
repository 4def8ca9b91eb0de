package io.impetus.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeBundleTest {

  @TempDir Path dir;

  @Test
  void sameFilesGiveTheSameHashWhateverTheirTimestamps() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a/pkg"));
    Files.writeString(a.resolve("One.class"), "one");
    Files.writeString(a.resolve("Two.class"), "two");
    CodeBundle first = CodeBundle.pack(List.of(dir.resolve("a")));
    Files.setLastModifiedTime(a.resolve("One.class"), FileTime.fromMillis(0));

    CodeBundle second = CodeBundle.pack(List.of(dir.resolve("a")));

    assertThat(second.hash()).isEqualTo(first.hash()).hasSize(64);
    assertThat(CodeBundle.sha256(second.bytes())).isEqualTo(second.hash());
  }

  @Test
  void changedClassGivesAnotherHash() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(a.resolve("One.class"), "one");
    String before = CodeBundle.pack(List.of(a)).hash();
    Files.writeString(a.resolve("One.class"), "uno");

    assertThat(CodeBundle.pack(List.of(a)).hash()).isNotEqualTo(before);
  }

  @Test
  void bundleHoldsEveryFileUnderItsRelativeName() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a/x/y"));
    Files.writeString(a.resolve("Z.class"), "z");

    CodeBundle bundle = CodeBundle.pack(List.of(dir.resolve("a")));

    try (ZipInputStream zip = new ZipInputStream(
        new java.io.ByteArrayInputStream(bundle.bytes()))) {
      ZipEntry entry = zip.getNextEntry();
      assertThat(entry.getName()).isEqualTo("x/y/Z.class");
      assertThat(new String(zip.readAllBytes())).isEqualTo("z");
    }
  }

  @Test
  void missingCodeSourceIsAClearError() {
    assertThatThrownBy(() -> CodeBundle.pack(List.of(dir.resolve("nope"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
  }
}
