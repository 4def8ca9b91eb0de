package io.impetus.dfs.policy;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.StreamBacklog;

/**
 * One stream's backlog and cumulative counters, as the DFS loop reads them from the queue at a
 * tick; {@link SignalsBuilder} turns successive ones into rates. Immutable.
 *
 * <p>The queue's {@link StreamBacklog} gives {@code waiting}, {@code running} and the properties
 * today; the three cumulative counters are for the queue to add (jobs ever submitted, ever
 * completed, and the summed run time of the completed ones).
 *
 * @param streamId the stream
 * @param waiting jobs no worker holds yet
 * @param running jobs leased to workers
 * @param submitted jobs ever submitted to the stream
 * @param completed jobs ever completed
 * @param completedRunMillis the summed run time of the completed jobs, in milliseconds
 * @param slotsPerNode the most workers a node runs for the stream (its {@code mpps}), or 0 when
 *     only the node's capacity limits it
 */
public record StreamCounters(
    String streamId, int waiting, int running, long submitted, long completed,
    long completedRunMillis, int slotsPerNode) {

  /**
   * The counters of a queue backlog, with the stream's {@code mpps} property as its per-node
   * limit (0 when unset or unreadable).
   */
  public static StreamCounters of(
      StreamBacklog backlog, long submitted, long completed, long completedRunMillis) {
    int mpps;
    try {
      mpps = StreamProperties.parse(backlog.properties()).mpps().orElse(0);
    } catch (IllegalArgumentException e) {
      mpps = 0;
    }
    return new StreamCounters(backlog.streamId(), backlog.waiting(), backlog.running(),
        submitted, completed, completedRunMillis, mpps);
  }
}
