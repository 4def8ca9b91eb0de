package io.impetus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.impetus.client.tasklog.TaskLogReader;
import io.impetus.client.tasklog.TaskRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code impetus logs FILE|DIR...}: decodes task-log lines ({@code base64(zlib(json))}, one job a
 * line) into pretty-printed JSON, or one JSON object a line with {@code --json-lines}, keeping
 * the jobs that match {@code --status} and {@code --name}. A directory stands for every {@code
 * .ok} and {@code .err} file under it, in the order of their paths. A line that is not a task-log
 * line, or a file that cannot be read, is reported on standard error with its place; the other
 * lines are still printed, and the status is 1. An unknown status is a usage error (2).
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Decodes task logs (<taskdir>/<client-id>/<stage>.ok and .err) to JSON.")
final class LogsCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "task log files, or"
      + " directories: every .ok and .err file under them")
  private List<Path> files = List.of();

  @Option(names = {"-j", "--json-lines"}, description = "one JSON object a line")
  private boolean jsonLines;

  @Option(names = {"-s", "--status"}, paramLabel = "STATUS",
      description = "only jobs with this status: ${COMPLETION-CANDIDATES} (any case)")
  private @Nullable Status status;

  /** The statuses a job in a task log can have. */
  enum Status { READY, ERROR }

  @Option(names = {"-n", "--name"}, paramLabel = "NAME",
      description = "only jobs of the @Node method of this name")
  private @Nullable String name;

  @Spec
  private @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    ObjectWriter writer = jsonLines ? MAPPER.writer() : MAPPER.writerWithDefaultPrettyPrinter();
    boolean clean = true;
    for (Path given : files) {
      if (!Files.isDirectory(given)) {
        clean &= print(given, writer, out, err);
        continue;
      }
      List<Path> logs;
      try {
        logs = taskLogsUnder(given);
      } catch (IOException | UncheckedIOException e) {
        err.println("impetus logs: " + given + ": cannot list it (" + e.getMessage() + ")");
        clean = false;
        continue;
      }
      if (logs.isEmpty()) {
        err.println("impetus logs: " + given + ": no .ok or .err file in it");
        clean = false;
      }
      for (Path file : logs) {
        clean &= print(file, writer, out, err);
      }
    }
    out.flush();
    return clean ? 0 : 1;
  }

  /** The task log files under {@code directory}, in the order of their paths. */
  private static List<Path> taskLogsUnder(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(path -> {
        String fileName = path.getFileName().toString();
        return (fileName.endsWith(".ok") || fileName.endsWith(".err"))
            && Files.isRegularFile(path);
      }).sorted().toList();
    }
  }

  /** Prints the matching jobs of one file; false when something in it could not be read. */
  private boolean print(Path file, ObjectWriter writer, PrintWriter out, PrintWriter err) {
    boolean[] clean = {true};
    try {
      TaskLogReader.read(file, new TaskLogReader.Visitor() {
        @Override
        public void record(int number, JsonNode job) {
          if (matches(job)) {
            try {
              out.println(writer.writeValueAsString(job));
            } catch (JsonProcessingException e) {
              unreadable(number, new IllegalArgumentException(e.getMessage(), e));
            }
          }
        }

        @Override
        public void unreadable(int number, IllegalArgumentException error) {
          err.println("impetus logs: " + file + ":" + number + ": not a task log line ("
              + error.getMessage() + ")");
          clean[0] = false;
        }
      });
    } catch (NoSuchFileException e) {
      err.println("impetus logs: " + file + ": no such file");
      return false;
    } catch (IOException e) {
      err.println("impetus logs: " + file + ": cannot read it (" + e.getMessage() + ")");
      return false;
    }
    return clean[0];
  }

  private boolean matches(JsonNode job) {
    return (status == null || job.path(TaskRecord.STATUS).asText().equalsIgnoreCase(status.name()))
        && (name == null || job.path(TaskRecord.NAME).asText().equals(name));
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec;
  }
}
