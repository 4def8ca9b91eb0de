package io.impetus.node.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the node reads a worker's end of the control channel, with {@code /bin/sh} standing in for
 * the worker: control lines are taken out of the output, the rest is relayed, and the ending
 * names the job that was running when the process ended.
 */
class WorkerProcessTest {

  @TempDir Path dir;
  private final List<String> relayed = new CopyOnWriteArrayList<>();

  private WorkerProcess run(String script) throws IOException {
    Process process = new ProcessBuilder("/bin/sh", "-c", script).start();
    return WorkerProcess.watch(process, "s", 1, relayed::add, dir.resolve("crash.log"));
  }

  private static WorkerProcess.Ending ending(WorkerProcess worker) throws Exception {
    return worker.ended().get(30, TimeUnit.SECONDS);
  }

  @Test
  void exitWhileRunningAJobBlamesThatJob() throws Exception {
    WorkerProcess worker = run("echo hello; printf '\\001impetus:start j1 0\\n'; exit 3");

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isEqualTo("j1");
    assertThat(ending.jobAtFault()).isTrue();
    assertThat(ending.status()).isEqualTo(3);
    assertThat(ending.cause()).isEqualTo("the worker exited with status 3 while running the job");
    assertThat(relayed).containsExactly("hello");
  }

  @Test
  void crashReportMakesTheEndingACrashWithTheReportsHeadAsDetail() throws Exception {
    Files.writeString(dir.resolve("crash.log"),
        "# SIGSEGV (0xb) at pc=0x1\n# Problematic frame:\n");
    WorkerProcess worker = run("printf '\\001impetus:start j4 0\\n'; exit 1");

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isEqualTo("j4");
    assertThat(ending.cause()).startsWith("the worker's JVM crashed while running the job");
    assertThat(ending.detail()).contains("SIGSEGV", "Problematic frame");
  }

  @Test
  void exitBetweenJobsBlamesNoJob() throws Exception {
    WorkerProcess worker = run(
        "printf '\\001impetus:start j1 0\\n\\001impetus:idle\\n'; exit 0");

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isNull();
    assertThat(ending.jobAtFault()).isFalse();
    assertThat(worker.jobsStarted()).isEqualTo(1);
  }

  @Test
  void controlLineAfterUnterminatedOutputIsStillRead() throws Exception {
    WorkerProcess worker = run("printf 'partial\\001impetus:start j2 5000\\n'; exit 1");

    WorkerProcess.Ending ending = ending(worker);

    assertThat(ending.jobId()).isEqualTo("j2");
    assertThat(relayed).containsExactly("partial");
  }

  @Test
  void killBlamesTheRunningJobWithTheGivenCauseAndDetail() throws Exception {
    WorkerProcess worker = run("printf '\\001impetus:start j3 100\\n'; exec cat");
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
    WorkerProcess.Running limited = new WorkerProcess.Running("j", 0, 100);
    WorkerProcess.Running unlimited = new WorkerProcess.Running("j", 0, 0);

    assertThat(limited.overdue(100_000_000)).isFalse();
    assertThat(limited.overdue(100_000_001)).isTrue();
    assertThat(unlimited.overdue(Long.MAX_VALUE)).isFalse();
  }
}
