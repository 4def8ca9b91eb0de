package io.impetus.client.tasklog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a task-log file line by line, handing each line's record, or the reason it could not be
 * decoded, to a {@link Visitor} with the line's number. Blank lines are skipped. Stateless.
 */
public final class TaskLogReader {

  /** Receives what each line of a task log holds. */
  public interface Visitor {

    /** Line {@code number} holds {@code record}. */
    void record(int number, JsonNode record);

    /** Line {@code number} is not a task-log line, for the reason {@code error} gives. */
    void unreadable(int number, IllegalArgumentException error);
  }

  private TaskLogReader() {}

  /**
   * Reads {@code file} to the end.
   *
   * @throws IOException when the file cannot be read (a missing file is a {@link
   *     java.nio.file.NoSuchFileException})
   */
  public static void read(Path file, Visitor visitor) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode record;
        try {
          record = LogLine.decode(line);
        } catch (IllegalArgumentException e) {
          visitor.unreadable(number, e);
          continue;
        }
        visitor.record(number, record);
      }
    }
  }
}
