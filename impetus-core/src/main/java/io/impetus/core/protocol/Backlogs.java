package io.impetus.core.protocol;

import java.util.List;

/**
 * The answer to {@link QueryBacklogs}.
 *
 * @param rid the request id
 * @param backlogs the backlog of every stream that has waiting jobs, in no particular order; a
 *     stream that is not listed has none
 */
public record Backlogs(long rid, List<StreamBacklog> backlogs) implements Reply {

  /** Copies the list. */
  public Backlogs {
    backlogs = List.copyOf(backlogs);
  }
}
