package io.impetus.client.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.impetus.client.tasklog.LogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggedJobsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path directory;

  private static String line(String id) {
    return LogLine.encode(MAPPER.createObjectNode().put("id", id).put("status", "ready")) + "\n";
  }

  @Test
  void readsTheIdsOfEveryOkAndErrFile() throws IOException {
    Files.writeString(directory.resolve("stage1.ok"), line("a") + line("b"));
    Files.writeString(directory.resolve("stage1.err"), line("c"));
    Files.writeString(directory.resolve("stage2.ok"), line("d"));
    Files.writeString(directory.resolve("notes.txt"), line("e"));

    assertThat(LoggedJobs.read(directory)).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void cutsOffATornLastLineSoTheNextAppendStartsOnItsOwnLine() throws IOException {
    Path ok = directory.resolve("stage1.ok");
    String whole = line("a");
    String torn = line("b").substring(0, 7);
    Files.writeString(ok, whole + torn);

    assertThat(LoggedJobs.read(directory)).containsExactly("a");
    assertThat(Files.readString(ok)).isEqualTo(whole);
  }

  @Test
  void skipsALineThatIsNotATaskLogLine() throws IOException {
    Files.write(directory.resolve("stage1.ok"),
        (line("a") + "garbage\n" + line("b")).getBytes(StandardCharsets.US_ASCII));

    assertThat(LoggedJobs.read(directory)).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aMissingDirectoryHoldsNoJobs() {
    assertThat(LoggedJobs.read(directory.resolve("new"))).isEmpty();
  }
}
