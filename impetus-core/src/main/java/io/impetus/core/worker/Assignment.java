package io.impetus.core.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The stream a worker works for and how long it stays: given on the worker's command line when
 * the node starts it for a stream, or in an {@link ControlLine#ASSIGN} line to a warm worker that
 * the node started ahead of need.
 *
 * @param stream the stream to work for
 * @param idle how long the worker waits for a job before it leaves
 * @param maxJobs the most jobs it runs, 0 for no limit
 * @param maxAge how long it lives, once the jobs it holds are done; zero for no limit
 */
public record Assignment(String stream, Duration idle, int maxJobs, Duration maxAge) {

  /** The words after {@link ControlLine#ASSIGN} that carry this assignment. */
  public String words() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(stream.getBytes(StandardCharsets.UTF_8))
        + " " + idle.toMillis() + " " + maxJobs + " " + maxAge.toMillis();
  }

  /**
   * Reads the words written by {@link #words()}.
   *
   * @throws IllegalArgumentException when they are not such words
   */
  public static Assignment parse(String words) {
    String[] parts = words.split(" ");
    if (parts.length != 4) {
      throw new IllegalArgumentException("an assignment has 4 words, not '" + words + "'");
    }
    try {
      String stream = new String(Base64.getUrlDecoder().decode(parts[0]),
          StandardCharsets.UTF_8);
      long idle = Long.parseLong(parts[1]);
      int maxJobs = Integer.parseInt(parts[2]);
      long maxAge = Long.parseLong(parts[3]);
      if (stream.isEmpty() || idle < 0 || maxJobs < 0 || maxAge < 0) {
        throw new IllegalArgumentException("a malformed assignment: '" + words + "'");
      }
      return new Assignment(stream, Duration.ofMillis(idle), maxJobs, Duration.ofMillis(maxAge));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a malformed assignment: '" + words + "'", e);
    }
  }
}
