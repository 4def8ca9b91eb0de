package io.impetus.core.protocol;

import java.util.List;

/**
 * The answer to {@link ListStreams}.
 *
 * @param rid the request id
 * @param atMillis when the queue took the figures (epoch milliseconds, the queue's clock)
 * @param streams every open stream's figures, in no particular order
 */
public record StreamList(long rid, long atMillis, List<StreamStats> streams) implements Reply {

  /** Copies the list. */
  public StreamList {
    streams = List.copyOf(streams);
  }
}
