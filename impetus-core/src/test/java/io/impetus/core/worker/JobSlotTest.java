package io.impetus.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node reads from a worker's job slot, each side mapping the file on its own. */
class JobSlotTest {

  @TempDir Path dir;

  private Path zeroed() throws IOException {
    Path file = dir.resolve("worker.slot");
    Files.write(file, new byte[JobSlot.SIZE]);
    return file;
  }

  @Test
  void freshSlotReadsIdleWithNoJobStarted() throws IOException {
    JobSlot node = JobSlot.map(zeroed(), false);

    assertThat(node.read()).isEqualTo(new JobSlot.View(0, null));
  }

  @Test
  void nodeSeesTheJobTheWorkerStartedThenIdle() throws IOException {
    Path file = zeroed();
    JobSlot worker = JobSlot.map(file, true);
    JobSlot node = JobSlot.map(file, false);
    long before = System.nanoTime();

    worker.started("job-1", 2500);
    JobSlot.View running = node.read();
    worker.idle();
    JobSlot.View idle = node.read();
    worker.started("j2", 0);

    assertThat(running.started()).isEqualTo(1);
    assertThat(running.running().jobId()).isEqualTo("job-1");
    assertThat(running.running().timeLimitMillis()).isEqualTo(2500);
    assertThat(running.running().startedNanos()).isBetween(before, System.nanoTime());
    assertThat(idle).isEqualTo(new JobSlot.View(1, null));
    assertThat(node.read().running().jobId()).isEqualTo("j2");
    assertThat(node.read().started()).isEqualTo(2);
  }

  @Test
  void slotOutlivesItsWritersMapping() throws IOException {
    Path file = zeroed();
    JobSlot.map(file, true).started("é-ünïcode", 7);

    assertThat(JobSlot.map(file, false).read().running().jobId()).isEqualTo("é-ünïcode");
  }

  @Test
  void idTooLongForTheSlotIsCutShort() throws IOException {
    Path file = zeroed();
    String id = "x".repeat(JobSlot.MAX_ID_BYTES + 10);

    JobSlot.map(file, true).started(id, 0);

    assertThat(JobSlot.map(file, false).read().running().jobId())
        .isEqualTo(id.substring(0, JobSlot.MAX_ID_BYTES));
  }

  @Test
  void fileOfAnotherSizeIsRefusedByTheNode() throws IOException {
    Path file = dir.resolve("short.slot");
    Files.write(file, new byte[10]);

    assertThatThrownBy(() -> JobSlot.map(file, false)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a job slot");
  }
}
