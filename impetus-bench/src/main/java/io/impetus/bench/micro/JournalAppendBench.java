package io.impetus.bench.micro;

import io.impetus.queue.FsyncMode;
import io.impetus.queue.JournalSettings;
import io.impetus.queue.internal.journal.FileJournal;
import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal's append path: one operation appends a {@code JobsSubmitted} record of {@code
 * jobs} jobs to a {@link FileJournal} and waits until the journal reports it durable, so each
 * append is a group of its own (no group commit: one appender, one record in flight) and the
 * score is the latency-bound rate of one client's submits. With {@code ALWAYS} every append
 * waits for an fsync; with {@code NEVER} only for the write to the operating system.
 *
 * <p>Each iteration gets a fresh journal in a new temporary directory, deleted after the
 * iteration, so that the disk holds at most one iteration's records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Fixtures.QUIET_LOGGING)
public class JournalAppendBench {

  /** When the journal forces its writes to disk. */
  @Param({"NEVER", "ALWAYS"})
  public FsyncMode fsync;

  /** The jobs in the appended record. */
  @Param({"1", "100"})
  public int jobs;

  private JobsSubmitted record;
  private Path directory;
  private FileJournal journal;

  /** Builds the record. */
  @Setup(Level.Trial)
  public void prepare() {
    record = new JobsSubmitted(Fixtures.STREAM, Fixtures.specs(jobs), 1_700_000_000_000L);
  }

  /** Opens a new journal in a new temporary directory. */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    directory = Files.createTempDirectory("impetus-jmh-journal");
    journal = FileJournal.open(directory, JournalSettings.defaults().withFsync(fsync));
  }

  /** Closes the journal and deletes its directory. */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    journal.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(JournalAppendBench::delete);
    }
  }

  /** Appends the record and waits until it is durable. */
  @Benchmark
  public Void append() {
    return journal.append(record).join();
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
