package io.impetus.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.tasklog.LogLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a client's task logs back. */
final class TaskLogs {

  private TaskLogs() {}

  /** The decoded records of {@code <taskdir>/<id>/<file>}. */
  static List<JsonNode> read(Path taskdir, String id, String file) {
    try {
      return Files.readAllLines(taskdir.resolve(id).resolve(file)).stream()
          .map(LogLine::decode).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
