package io.impetus.worker.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes the two lines a worker logs for each job, {@code processing job: PID, ID, NAME,
 * processing} and {@code completed job: PID, ID, NAME, ready|error}, as the original's workers
 * did, for the node to relay. The lines are byte for byte what the workers' Logback configuration
 * ({@code io/impetus/worker/worker-logback.xml}: {@code %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level
 * %msg%n}, in the JVM's default time zone) would write at INFO, but they go straight into the
 * worker's buffered standard output: through Logback they were a large part of a worker's time
 * and of its just-in-time compiling when jobs are short. The date and time up to the second are
 * formatted once per second.
 *
 * <p>Not thread-safe; used by the worker's job thread. The stream's own lock keeps each line
 * whole among other writers.
 */
final class JobLines {

  private static final DateTimeFormatter UP_TO_THE_SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.");
  /** What Logback's {@code %-5level} makes of INFO, and the space after it. */
  private static final String LEVEL = "INFO  ";

  private final PrintStream out;
  private final String pid;
  private final DateTimeFormatter formatter;
  private final StringBuilder line = new StringBuilder(160);
  private long second = Long.MIN_VALUE;
  private String secondPrefix = "";

  /** Lines of the worker {@code pid} into {@code out}, with times in {@code zone}. */
  JobLines(PrintStream out, String pid, ZoneId zone) {
    this.out = out;
    this.pid = pid;
    this.formatter = UP_TO_THE_SECOND.withZone(zone);
  }

  /** {@code processing job: PID, ID, NAME, processing}, at {@code millis}. */
  void processing(String id, String name, long millis) {
    write(millis, "processing job: ", id, name, "processing");
  }

  /** {@code completed job: PID, ID, NAME, ready} or {@code error}, at {@code millis}. */
  void completed(String id, String name, boolean ready, long millis) {
    write(millis, "completed job: ", id, name, ready ? "ready" : "error");
  }

  private void write(long millis, String what, String id, String name, String status) {
    line.setLength(0);
    stamp(millis);
    line.append(LEVEL).append(what).append(pid).append(", ").append(id).append(", ")
        .append(name).append(", ").append(status).append(System.lineSeparator());
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  /** Appends {@code yyyy-MM-dd HH:mm:ss.SSS } of {@code millis}. */
  private void stamp(long millis) {
    long secondNow = Math.floorDiv(millis, 1000);
    if (secondNow != second) {
      secondPrefix = formatter.format(Instant.ofEpochSecond(secondNow));
      second = secondNow;
    }
    int milli = (int) Math.floorMod(millis, 1000);
    line.append(secondPrefix).append((char) ('0' + milli / 100))
        .append((char) ('0' + milli / 10 % 10)).append((char) ('0' + milli % 10)).append(' ');
  }

}
