package io.impetus.client.internal.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.tasklog.LogLine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The two log files of one stage, {@code <stage>.ok} and {@code <stage>.err} in the client's task
 * directory, opened for appending. Each batch is written and flushed before any of its jobs is
 * acknowledged to the queue.
 *
 * <p>Thread-safe; in practice only the stage's log writer writes.
 */
public final class TaskLog implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;

  private final Path ok;
  private final Path err;
  private final OutputStream okWriter;
  private final OutputStream errWriter;
  private final LogLine.Encoder encoder = new LogLine.Encoder();

  private TaskLog(Path ok, Path err) throws IOException {
    this.ok = ok;
    this.err = err;
    this.okWriter = open(ok);
    this.errWriter = open(err);
  }

  /**
   * Opens (creating when missing) the log files of {@code stage} in {@code directory}.
   *
   * @throws UncheckedIOException naming the file when it cannot be opened
   */
  public static TaskLog open(Path directory, String stage) {
    try {
      return new TaskLog(directory.resolve(stage + ".ok"), directory.resolve(stage + ".err"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the task log of stage " + stage + " in " + directory + ": " + e, e);
    }
  }

  private static OutputStream open(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE), BUFFER);
  }

  /** Appends the records of succeeded and failed jobs, then flushes both files. */
  public synchronized void append(List<JsonNode> ready, List<JsonNode> errors) {
    try {
      for (JsonNode record : ready) {
        encoder.write(record, okWriter);
      }
      for (JsonNode record : errors) {
        encoder.write(record, errWriter);
      }
      okWriter.flush();
      errWriter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the task log " + ok + " / " + err + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      encoder.close();
      okWriter.close();
      errWriter.close();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot close the task log " + ok + " / " + err + ": " + e.getMessage(), e);
    }
  }
}
