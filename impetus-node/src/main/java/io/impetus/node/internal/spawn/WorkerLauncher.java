package io.impetus.node.internal.spawn;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.worker.Assignment;
import io.impetus.core.worker.JobSlot;
import io.impetus.core.worker.WorkerArguments;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts worker JVMs: {@code java <node's options> <framework compilation> <class sharing>
 * <stream's options> -cp <worker classpath> WorkerMain ...}, where class sharing uses or writes
 * the workers' {@link ClassArchive} and {@link FrameworkCompilation} keeps C2 off the framework's
 * code. The classpath is Impetus and its libraries only; the client's classes reach the worker
 * as a code bundle. The authkey goes through the child's environment, so that it never shows in
 * a process listing; so does {@code IMPETUS_STREAM}. The worker's standard input and output are
 * the node's control channel (see {@link WorkerProcess}); its standard error goes to the node's
 * own, or is appended to a log file.
 */
public final class WorkerLauncher {

  /**
   * Options every worker gets: the JVM's own messages and logs go to standard error, off the
   * control channel; a crash writes its report to the temporary directory and no core file; the job
   * environment may be written (see {@code JobEnvironment}); Netty leaves Java Flight Recorder
   * alone, whose start on its first buffer cost a fresh worker some 50 ms before its first job
   * (a stream's {@code jvmoptions}, which come later, may turn it back on).
   */
  private static final List<String> WORKER_OPTIONS = List.of("-XX:+DisplayVMOutputToStderr",
      "-Xlog:disable", "-Xlog:all=warning:stderr",
      "-XX:ErrorFile=" + crashReport("%p"),
      "-XX:-CreateCoredumpOnCrash", "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "-Dio.netty.jfr.enabled=false");

  private final Path java;
  private final String classpath;
  private final List<String> jvmOptions;
  private final HostAndPort queue;
  private final Authkey authkey;
  private final String nodeId;
  private final Path cache;
  private final @Nullable Path log;
  private final LineRelay output;
  private final @Nullable PrintStream logStream;
  private final ClassArchive classArchive;
  private final List<String> compilation;

  /**
   * A launcher for the workers of one node.
   *
   * @param log the file that receives the workers' output, or null for the node's own standard
   *     output and error
   * @throws UncheckedIOException when the log cannot be opened
   */
  public WorkerLauncher(Path java, String classpath, List<String> jvmOptions, HostAndPort queue,
      Authkey authkey, String nodeId, Path cache, @Nullable Path log) {
    this.java = java;
    this.classpath = classpath;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.queue = queue;
    this.authkey = authkey;
    this.nodeId = nodeId;
    this.cache = cache;
    this.log = log;
    this.logStream = log == null ? null : appender(log);
    this.output = new LineRelay(logStream == null ? System.out : logStream);
    this.classArchive = ClassArchive.in(cache, java, classpath);
    this.compilation = FrameworkCompilation.jvmOptions(cache);
  }

  /** Appends to {@code file}. */
  private static PrintStream appender(Path file) {
    try {
      return new PrintStream(new FileOutputStream(file.toFile(), true), false,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the worker log " + file, e);
    }
  }

  /** Where the JVM of worker {@code pid} writes its crash report, if it crashes. */
  private static String crashReport(String pid) {
    return Path.of(System.getProperty("java.io.tmpdir"), "impetus-worker-hs_err_pid" + pid + ".log")
        .toString();
  }

  /** Closes the worker log, once no worker writes to it any more. */
  public void close() {
    output.flush();
    if (logStream != null) {
      logStream.close();
    }
  }

  /**
   * Starts a worker for {@code streamId} that follows the stream's properties: its JVM options,
   * idle timeout, {@code maxjobs} and {@code maxage}.
   *
   * @throws UncheckedIOException when the JVM cannot be started
   */
  public WorkerProcess launch(String streamId, StreamProperties properties, int number) {
    return start(assignment(streamId, properties), properties.jvmOptions(), number).worker();
  }

  /**
   * Starts a warm worker: a JVM with the node's options only, that runs its job path on itself
   * and waits for {@link WorkerProcess#assign}; one that writes the class archive leaves once
   * warm instead, and must not be assigned.
   *
   * @throws UncheckedIOException when the JVM cannot be started
   */
  public Started launchWarm() {
    return start(null, List.of(), 0);
  }

  /**
   * A worker just started.
   *
   * @param worker the worker
   * @param writesArchive whether it writes the workers' class archive: a warm one that does
   *     leaves once warm, to write it
   */
  public record Started(WorkerProcess worker, boolean writesArchive) {}

  /** What a worker for {@code streamId} works under, from the stream's properties. */
  public static Assignment assignment(String streamId, StreamProperties properties) {
    return new Assignment(streamId, properties.timeout(), properties.maxJobs().orElse(0),
        properties.maxAge().orElse(Duration.ZERO));
  }

  private Started start(@Nullable Assignment assignment, List<String> streamOptions,
      int number) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.addAll(WORKER_OPTIONS);
    command.addAll(compilation);
    ClassArchive.Use sharing = classArchive.next(concat(jvmOptions, streamOptions));
    command.addAll(sharing.options());
    command.addAll(streamOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(WorkerArguments.MAIN_CLASS);
    Path slot = slotFile();
    command.addAll(new WorkerArguments(queue, nodeId, cache, slot,
        WorkerArguments.DEFAULT_RECONNECT, assignment, assignment == null && sharing.writes())
        .commandLine());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .redirectOutput(ProcessBuilder.Redirect.PIPE)
        .redirectError(log == null ? ProcessBuilder.Redirect.INHERIT
            : ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put(Authkey.ENVIRONMENT_VARIABLE, authkey.reveal());
    String streamId = assignment == null ? null : assignment.stream();
    if (streamId != null) {
      builder.environment().put("IMPETUS_STREAM", streamId);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      deleteQuietly(slot);
      sharing.ended().run();
      throw new UncheckedIOException("cannot start a worker JVM with " + java + ": " + e, e);
    }
    try {
      return new Started(WorkerProcess.watch(process, streamId, number, output, slot,
          Path.of(crashReport(Long.toString(process.pid()))), sharing.ended()),
          sharing.writes());
    } catch (IOException e) {
      process.onExit().thenRun(sharing.ended());
      process.destroyForcibly();
      deleteQuietly(slot);
      throw new UncheckedIOException("cannot map the worker's job slot " + slot + ": " + e, e);
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  /** A new, zeroed {@link JobSlot} file in the temporary directory. */
  private static Path slotFile() {
    Path slot = null;
    try {
      slot = Files.createTempFile("impetus-worker-", ".slot");
      Files.write(slot, new byte[JobSlot.SIZE]);
      return slot;
    } catch (IOException e) {
      if (slot != null) {
        deleteQuietly(slot);
      }
      throw new UncheckedIOException("cannot create a worker's job slot in "
          + System.getProperty("java.io.tmpdir") + ": " + e, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stray slot file in the temporary directory harms nothing
    }
  }
}
