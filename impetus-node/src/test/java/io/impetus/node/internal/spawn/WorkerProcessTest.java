package io.impetus.node.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.core.worker.JobSlot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the node reads a worker's end of the control channel and its job slot, with {@code
 * /bin/sh} standing in for the worker and the test writing the worker's side of the slot: control
 * lines are taken out of the output, the rest is relayed, and the ending names the job that was
 * running when the process ended.
 */
class WorkerProcessTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream relayed = new ByteArrayOutputStream();
  private Path slotFile;
  private JobSlot slot;

  @BeforeEach
  void slot() throws IOException {
    slotFile = dir.resolve("worker.slot");
    Files.write(slotFile, new byte[JobSlot.SIZE]);
    slot = JobSlot.map(slotFile, true);
  }

  private WorkerProcess run(String script) throws IOException {
    Process process = new ProcessBuilder("/bin/sh", "-c", script).start();
    return WorkerProcess.watch(process, "s", 1,
        new LineRelay(new PrintStream(relayed, true, StandardCharsets.UTF_8)), slotFile,
        dir.resolve("crash.log"), () -> { });
  }

  private List<String> relayedLines() {
    return relayed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static WorkerProcess.Ending ending(WorkerProcess worker) throws Exception {
    return worker.ended().get(30, TimeUnit.SECONDS);
  }

  @Test
  void exitWhileRunningAJobBlamesThatJob() throws Exception {
    slot.started("j1", 0);
    WorkerProcess worker = run("echo hello; exit 3");

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isEqualTo("j1");
    assertThat(ending.jobAtFault()).isTrue();
    assertThat(ending.status()).isEqualTo(3);
    assertThat(ending.cause()).isEqualTo("the worker exited with status 3 while running the job");
    assertThat(relayedLines()).containsExactly("hello");
    assertThat(slotFile).doesNotExist();
  }

  @Test
  void crashReportMakesTheEndingACrashWithTheReportsHeadAsDetail() throws Exception {
    Files.writeString(dir.resolve("crash.log"),
        "# SIGSEGV (0xb) at pc=0x1\n# Problematic frame:\n");
    slot.started("j4", 0);
    WorkerProcess worker = run("exit 1");

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isEqualTo("j4");
    assertThat(ending.cause()).startsWith("the worker's JVM crashed while running the job");
    assertThat(ending.detail()).contains("SIGSEGV", "Problematic frame");
  }

  @Test
  void exitBetweenJobsBlamesNoJob() throws Exception {
    slot.started("j1", 0);
    slot.idle();
    WorkerProcess worker = run("exit 0");
    assertThat(worker.jobsStarted()).isEqualTo(1);

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isNull();
    assertThat(ending.jobAtFault()).isFalse();
  }

  @Test
  void controlLineAfterUnterminatedOutputIsStillRead() throws Exception {
    String encoded = Base64.getEncoder().encodeToString("dump".getBytes());
    WorkerProcess worker = run("read word; printf 'partial\\001impetus:dump " + encoded
        + "\\n'; exec cat");

    assertThat(worker.threadDump(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS))
        .isEqualTo("dump");
    worker.terminate();
    ending(worker);
    assertThat(relayedLines()).containsExactly("partial");
  }

  @Test
  void burstsOfLinesAreRelayedWhole() throws Exception {
    WorkerProcess worker = run("i=0; while [ $i -lt 3000 ]; do echo \"line $i\"; i=$((i+1));"
        + " done; exit 0");

    ending(worker);

    assertThat(relayedLines()).hasSize(3000).startsWith("line 0").endsWith("line 2999");
  }

  @Test
  void killBlamesTheRunningJobWithTheGivenCauseAndDetail() throws Exception {
    slot.started("j3", 100);
    WorkerProcess worker = run("exec cat");
    await().until(() -> worker.running() != null);

    worker.kill("too slow", "the dump", true);
    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending).isEqualTo(new WorkerProcess.Ending("j3", "too slow", "the dump", true,
        137));
  }

  @Test
  void threadDumpRequestIsAnsweredFromTheWorkersOutput() throws Exception {
    String dump = "\"main\" RUNNABLE";
    String encoded = Base64.getEncoder().encodeToString(dump.getBytes());
    WorkerProcess worker = run("read word; [ \"$word\" = dump ] && printf '\\001impetus:dump "
        + encoded + "\\n'; exec cat");

    assertThat(worker.threadDump(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS))
        .isEqualTo(dump);
    worker.terminate();
  }

  @Test
  void runningJobIsOverdueOnlyPastItsLimit() {
    JobSlot.Running limited = new JobSlot.Running("j", 0, 100);
    JobSlot.Running unlimited = new JobSlot.Running("j", 0, 0);

    assertThat(limited.overdue(100_000_000)).isFalse();
    assertThat(limited.overdue(100_000_001)).isTrue();
    assertThat(unlimited.overdue(Long.MAX_VALUE)).isFalse();
  }
}
