package io.impetus.core.protocol;

import java.util.List;

/**
 * The answer to {@link OpenStream}.
 *
 * @param rid the request id
 * @param existed true when the stream was already there (the client re-attached)
 * @param unfinished the ids of the stream's jobs that the client has not acknowledged yet,
 *     finished or not: each will be pushed to the client once finished
 */
public record StreamOpened(long rid, boolean existed, List<String> unfinished) implements Reply {

  /** Copies the ids. */
  public StreamOpened {
    unfinished = List.copyOf(unfinished);
  }
}
