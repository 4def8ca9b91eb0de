package io.impetus.node.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which class sharing options the node gives its workers, with the JVM's work faked by files. */
class ClassArchiveTest {

  @TempDir Path cache;
  @TempDir Path jars;

  private ClassArchive archive() throws IOException {
    Path jar = jars.resolve("impetus.jar");
    if (!Files.exists(jar)) {
      Files.writeString(jar, "classes");
    }
    return ClassArchive.in(cache, Path.of("/usr/bin/java"), jar.toString());
  }

  private static Path written(ClassArchive.Use use) {
    String option = use.options().get(0);
    return Path.of(option.substring(option.indexOf('=') + 1));
  }

  @Test
  void firstWorkerWritesTheArchiveAndTheNextOnesUseIt() throws IOException {
    ClassArchive archive = archive();

    ClassArchive.Use first = archive.next(List.of());
    ClassArchive.Use meanwhile = archive.next(List.of());
    Files.writeString(written(first), "an archive");
    first.ended().run();
    ClassArchive.Use later = archive.next(List.of("-Xmx1g"));

    assertThat(first.options()).singleElement().asString()
        .startsWith("-XX:ArchiveClassesAtExit=" + archive.file()).endsWith(".tmp");
    assertThat(meanwhile).as("one writer at a time").isEqualTo(ClassArchive.Use.NONE);
    assertThat(archive.file()).hasContent("an archive");
    assertThat(later.options()).containsExactly("-XX:SharedArchiveFile=" + archive.file());
  }

  @Test
  void workerThatWroteNothingLetsAnotherTryAFewTimesInAll() throws IOException {
    ClassArchive archive = archive();

    for (int i = 0; i < ClassArchive.MOST_WRITES; i++) {
      ClassArchive.Use attempt = archive.next(List.of());
      assertThat(attempt.options()).singleElement().asString()
          .startsWith("-XX:ArchiveClassesAtExit=");
      attempt.ended().run();
    }

    assertThat(archive.next(List.of())).isEqualTo(ClassArchive.Use.NONE);
    assertThat(archive.file()).doesNotExist();
  }

  @Test
  void optionsThatChooseClassSharingThemselvesTurnItOff() throws IOException {
    ClassArchive archive = archive();

    assertThat(archive.next(List.of("-Xshare:off"))).isEqualTo(ClassArchive.Use.NONE);
    assertThat(archive.next(List.of("-XX:SharedArchiveFile=/mine.jsa")))
        .isEqualTo(ClassArchive.Use.NONE);
  }

  @Test
  void writingAnArchiveDeletesAllButTheNewestOthers() throws IOException {
    Path folder = Files.createDirectories(cache.resolve("cds"));
    List<Path> others = new ArrayList<>();
    for (int age = 1; age <= ClassArchive.KEPT + 1; age++) {
      Path other = Files.writeString(folder.resolve("worker-" + age + ".jsa"), "older");
      Files.setLastModifiedTime(other, FileTime.fromMillis(1_000_000 - age));
      others.add(other);
    }
    Path unrelated = Files.writeString(folder.resolve("notes.txt"), "kept");
    ClassArchive archive = archive();

    ClassArchive.Use first = archive.next(List.of());
    Files.writeString(written(first), "an archive");
    first.ended().run();

    assertThat(archive.file()).exists();
    assertThat(others.subList(0, ClassArchive.KEPT - 1)).allMatch(Files::exists);
    assertThat(others.subList(ClassArchive.KEPT - 1, others.size())).noneMatch(Files::exists);
    assertThat(unrelated).exists();
  }

  @Test
  void changedJarGetsAnArchiveOfItsOwn() throws IOException {
    Path before = archive().file();
    Files.setLastModifiedTime(jars.resolve("impetus.jar"), FileTime.fromMillis(1_000));

    assertThat(archive().file()).isNotEqualTo(before);
    assertThat(before.getFileName().toString()).matches("worker-[0-9a-f]{16}\\.jsa");
  }
}
