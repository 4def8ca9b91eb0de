package io.impetus.client.internal.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.tasklog.TaskLogReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of the jobs that earlier runs of a client wrote into its task logs: every {@code .ok}
 * and {@code .err} file of its task directory. Reading them repairs what a client killed while
 * writing leaves behind: a last line without its newline is cut off (the job it held is not
 * logged, so it will be written again). A line that cannot be decoded elsewhere is reported and
 * skipped; a file that is not a regular one (a device, a pipe) is not read. Stateless.
 */
public final class LoggedJobs {

  private static final Logger LOG = LoggerFactory.getLogger(LoggedJobs.class);

  private LoggedJobs() {}

  /**
   * Reads the job ids of the task logs in {@code directory}, repairing torn last lines.
   *
   * @throws UncheckedIOException naming the file when one cannot be read or repaired
   */
  public static Set<String> read(Path directory) {
    Set<String> ids = new HashSet<>();
    if (!Files.isDirectory(directory)) {
      return ids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{ok,err}")) {
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          LOG.warn("{} is not a regular file; not read as a task log", file);
          continue;
        }
        cutTornLastLine(file);
        readIds(file, ids);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the task logs in " + directory + ": " + e, e);
    }
    return ids;
  }

  /** Cuts off a last line that has no newline: its writer was killed while writing it. */
  static void cutTornLastLine(Path file) throws IOException {
    try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
      long length = access.length();
      long end = length;
      while (end > 0) {
        access.seek(end - 1);
        if (access.read() == '\n') {
          break;
        }
        end--;
      }
      if (end < length) {
        access.setLength(end);
        LOG.warn("{}: cut off a partial last line of {} bytes, left by a client that was stopped"
            + " while writing it; its job will be written again", file, length - end);
      }
    }
  }

  private static void readIds(Path file, Set<String> ids) throws IOException {
    TaskLogReader.read(file, new TaskLogReader.Visitor() {
      @Override
      public void record(int number, JsonNode record) {
        ids.add(record.path("id").asText());
      }

      @Override
      public void unreadable(int number, IllegalArgumentException error) {
        LOG.warn("{}:{}: not a task log line ({}); skipped, so its job may be written again",
            file, number, error.getMessage());
      }
    });
  }
}
