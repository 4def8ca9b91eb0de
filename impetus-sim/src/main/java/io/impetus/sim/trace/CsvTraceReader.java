package io.impetus.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a trace from a CSV file: one job a line, {@code arrival,duration}, both in seconds
 * (decimals allowed), arrival from the trace's start. Blank lines and lines starting with {@code
 * #} are skipped, and so is a first line that is a header (its first field is not a number).
 * Lines need not be sorted. Stateless; safe to use from any thread.
 */
public final class CsvTraceReader {

  private CsvTraceReader() {}

  /**
   * Reads the file; the trace is named after it.
   *
   * @throws TraceFormatException naming {@code file} (and {@code file:line} for a bad line)
   */
  public static Trace read(Path file) throws TraceFormatException {
    List<TraceJob> jobs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      boolean first = true;
      while ((line = reader.readLine()) != null) {
        number++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        if (first && isHeader(text)) {
          first = false;
          continue;
        }
        first = false;
        jobs.add(parse(file, number, text));
      }
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(file + ": no such file");
    } catch (IOException e) {
      throw new TraceFormatException(file + ": cannot read it (" + e.getMessage() + ")");
    }
    if (jobs.isEmpty()) {
      throw new TraceFormatException(file + ": no jobs in it");
    }
    return new Trace(String.valueOf(file.getFileName()), jobs);
  }

  private static boolean isHeader(String text) {
    String field = text.split(",", -1)[0].strip();
    try {
      Double.parseDouble(field);
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static TraceJob parse(Path file, int number, String text) throws TraceFormatException {
    String[] fields = text.split(",", -1);
    if (fields.length != 2) {
      throw bad(file, number, "expected 'arrival,duration' in seconds, got '" + text + "'");
    }
    double arrival = seconds(file, number, "arrival", fields[0]);
    double duration = seconds(file, number, "duration", fields[1]);
    if (arrival < 0) {
      throw bad(file, number, "arrival " + fields[0].strip() + " is negative");
    }
    if (duration <= 0) {
      throw bad(file, number, "duration " + fields[1].strip() + " is not more than zero");
    }
    return new TraceJob(Math.round(arrival * 1000), Math.max(1, Math.round(duration * 1000)));
  }

  private static double seconds(Path file, int number, String what, String field)
      throws TraceFormatException {
    try {
      double value = Double.parseDouble(field.strip());
      if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) > 1e9) {
        throw bad(file, number, what + " '" + field.strip() + "' is out of range");
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(file, number, what + " '" + field.strip() + "' is not a number of seconds");
    }
  }

  private static TraceFormatException bad(Path file, int number, String message) {
    return new TraceFormatException(file + ":" + number + ": " + message);
  }
}
