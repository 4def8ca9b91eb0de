package io.impetus.node.internal.spawn;

import io.impetus.core.worker.Assignment;
import io.impetus.core.worker.ControlLine;
import io.impetus.core.worker.JobSlot.Running;
import io.impetus.core.worker.JobSlot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One worker JVM as its node sees it: started for a stream, or warm (started ahead of need, its
 * stream {@linkplain #assign assigned} later, once). Its {@link JobSlot} says which job runs and
 * since when.
 * Reads the worker's standard output: control lines (see {@link ControlLine}) answer the node's
 * requests; everything else is relayed to the node's log, a burst of lines in one write. Sends
 * the worker its commands. Knows, once the worker has ended, how it ended: the job it was
 * running, and why; then deletes the slot's file.
 *
 * <p>Thread-safe.
 */
public final class WorkerProcess {

  /**
   * How long after the worker's exit its output may still be read: a process the job started
   * may hold the pipe open for longer, and must not delay the report of the worker's end.
   */
  private static final long OUTPUT_AFTER_EXIT_SECONDS = 2;

  /** How many lines of a JVM crash report go into the job's error. */
  private static final int CRASH_SUMMARY_LINES = 30;

  private final Process process;
  private final JobSlot slot;
  private final Path crashReport;
  private volatile @Nullable String stream;
  private volatile int number;
  private volatile long assignedNanos;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
  private final CompletableFuture<Ending> ended;
  private @Nullable Ending killedFor;
  private @Nullable CompletableFuture<String> dumpReply;
  private @Nullable Running overdue;

  private WorkerProcess(Process process, @Nullable String stream, int number, JobSlot slot,
      Path slotFile, Path crashReport, Runnable afterExit) {
    this.process = process;
    this.slot = slot;
    this.crashReport = crashReport;
    this.stream = stream;
    this.number = number;
    this.assignedNanos = System.nanoTime();
    this.ended = process.onExit()
        .thenCompose(exited -> outputEnded.completeOnTimeout(null, OUTPUT_AFTER_EXIT_SECONDS,
            TimeUnit.SECONDS))
        .thenApply(output -> ending())
        .whenComplete((ending, error) -> {
          deleteQuietly(slotFile);
          afterExit.run();
        });
  }

  /**
   * Watches a started worker.
   *
   * @param stream the worker's stream, or null for a warm worker
   * @param number the worker's number within its stream on this node, for logs
   * @param output receives the worker's ordinary output
   * @param slotFile the worker's {@link JobSlot}, {@link JobSlot#SIZE} bytes, deleted once the
   *     worker has ended
   * @param crashReport where the worker's JVM writes its report if it crashes
   * @param afterExit runs once the worker has ended, before {@link #ended()} completes (it moves
   *     a class archive the worker wrote into place)
   * @throws IOException when the slot cannot be mapped
   */
  public static WorkerProcess watch(Process process, @Nullable String stream, int number,
      LineRelay output, Path slotFile, Path crashReport, Runnable afterExit) throws IOException {
    WorkerProcess worker = new WorkerProcess(process, stream, number,
        JobSlot.map(slotFile, false), slotFile, crashReport, afterExit);
    Thread reader = new Thread(() -> worker.readOutput(output), "worker-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return worker;
  }

  private void readOutput(LineRelay output) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int marker = line.indexOf(ControlLine.MARKER);
        if (marker < 0) {
          output.add(line);
        } else {
          if (marker > 0) {
            output.add(line.substring(0, marker));
          }
          control(line.substring(marker + ControlLine.MARKER.length()));
        }
        if (!reader.ready()) {
          output.flush();
        }
      }
    } catch (IOException e) {
      // the worker is gone; its exit says how
    } finally {
      output.flush();
      outputEnded.complete(null);
    }
  }

  private synchronized void control(String line) {
    String[] words = line.split(" ");
    switch (words[0]) {
      case ControlLine.DUMP -> {
        if (dumpReply != null && words.length == 2) {
          dumpReply.complete(ControlLine.decodeDump(words[1]));
          dumpReply = null;
        }
      }
      case ControlLine.READY -> ready.complete(null);
      default -> {
        // an unknown word from a newer worker: ignored
      }
    }
  }

  /** The worker's process id. */
  public long pid() {
    return process.pid();
  }

  /** The stream the worker works for, or null while it is warm. */
  public @Nullable String stream() {
    return stream;
  }

  /**
   * Hands a warm worker its stream; it works for that stream only, then leaves.
   *
   * @return false when the worker no longer reads its node's requests (it has gone)
   * @throws IllegalStateException when the worker has a stream already
   */
  public synchronized boolean assign(Assignment assignment, int number) {
    if (stream != null) {
      throw new IllegalStateException("worker " + pid() + " works for stream " + stream
          + " already");
    }
    this.stream = assignment.stream();
    this.number = number;
    this.assignedNanos = System.nanoTime();
    return command(ControlLine.ASSIGN + " " + assignment.words());
  }

  /** Whether a warm worker has said that it ran its job path on itself and waits for a stream. */
  public boolean isReady() {
    return ready.isDone();
  }

  /** Completes when a warm worker says that it is ready (never, for a worker that is not warm). */
  public CompletableFuture<Void> readiness() {
    return ready;
  }

  /** When the worker got its stream ({@link System#nanoTime}), or was started for it. */
  public long assignedNanos() {
    return assignedNanos;
  }

  /** The worker's number within its stream on this node. */
  public int number() {
    return number;
  }

  /** The job the worker runs right now, if any. */
  public @Nullable Running running() {
    return slot.read().running();
  }

  /** How many jobs the worker has started. */
  public int jobsStarted() {
    return slot.read().started();
  }

  /** Marks {@code job} as overdue; true the first time only, so that it is handled once. */
  public synchronized boolean markOverdue(Running job) {
    if (job.equals(overdue)) {
      return false;
    }
    overdue = job;
    return true;
  }

  /** Whether the worker's process is alive. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Asks the worker for a thread dump.
   *
   * @return completes with the dump, or with a note saying why there is none when the worker
   *     does not answer within {@code timeout}
   */
  public CompletableFuture<String> threadDump(Duration timeout) {
    CompletableFuture<String> reply = new CompletableFuture<>();
    synchronized (this) {
      dumpReply = reply;
    }
    if (!command(ControlLine.DUMP)) {
      reply.complete("(no thread dump: the worker no longer reads its node's requests)");
    }
    return reply.completeOnTimeout("(no thread dump: the worker did not answer within "
        + timeout.toMillis() + " ms)", timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks the worker to finish the jobs it holds, lease no more and leave: its node drains. */
  public void drain() {
    command(ControlLine.DRAIN);
  }

  /**
   * Asks the worker to finish the jobs it holds, lease no more and leave: its slot goes to
   * another stream.
   */
  public void retire() {
    command(ControlLine.RETIRE);
  }

  private boolean command(String word) {
    try {
      OutputStream in = process.getOutputStream();
      synchronized (in) {
        in.write((word + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Kills the worker at once; its ending reports {@code cause} and {@code detail}, and blames
   * the job it was running when {@code jobAtFault}.
   */
  public void kill(String cause, String detail, boolean jobAtFault) {
    synchronized (this) {
      if (killedFor == null) {
        Running current = running();
        killedFor = new Ending(current == null ? null : current.jobId(), cause, detail,
            jobAtFault, -1);
      }
    }
    process.destroyForcibly();
  }

  /** Asks the worker to stop (SIGTERM), for a node that is closing. */
  public void terminate() {
    process.destroy();
  }

  /**
   * Completes when the worker has ended and its output is read (or two seconds after its end,
   * if something else holds its output open), with how it ended.
   */
  public CompletableFuture<Ending> ended() {
    return ended;
  }

  private synchronized Ending ending() {
    int status = process.exitValue();
    if (killedFor != null) {
      return new Ending(killedFor.jobId(), killedFor.cause(), killedFor.detail(),
          killedFor.jobAtFault(), status);
    }
    Running current = running();
    if (current == null) {
      return new Ending(null, "the worker exited with status " + status, "", false, status);
    }
    if (Files.isRegularFile(crashReport)) {
      return new Ending(current.jobId(), "the worker's JVM crashed while running the job (its"
          + " report: " + crashReport + ")", crashSummary(), true, status);
    }
    String how = switch (status) {
      case 137 -> "was killed (status 137, SIGKILL)";
      case 143 -> "was terminated (status 143, SIGTERM)";
      default -> "exited with status " + status;
    };
    return new Ending(current.jobId(), "the worker " + how + " while running the job", "", true,
        status);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stray slot file in the temporary directory harms nothing
    }
  }

  /** The head of the JVM's crash report: the signal and the frame that caused it. */
  private String crashSummary() {
    try (Stream<String> lines = Files.lines(crashReport, StandardCharsets.ISO_8859_1)) {
      return lines.limit(CRASH_SUMMARY_LINES).collect(Collectors.joining("\n"));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + crashReport + ": " + e.getMessage() + ")";
    }
  }

  /**
   * How a worker ended.
   *
   * @param jobId the job it was running, or null
   * @param cause what happened, in words
   * @param detail evidence for the job's error (a thread dump), or empty
   * @param jobAtFault whether the running job caused the end
   * @param status the process's exit status
   */
  public record Ending(
      @Nullable String jobId, String cause, String detail, boolean jobAtFault, int status) {}
}
