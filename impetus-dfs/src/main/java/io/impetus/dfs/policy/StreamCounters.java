package io.impetus.dfs.policy;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.StreamStats;

/**
 * One stream's backlog and cumulative counters, as the DFS loop reads them from the queue at a
 * tick; {@link SignalsBuilder} turns successive ones into rates. Immutable.
 *
 * <p>The queue's {@link StreamStats} give them all; its counters start at zero when the queue
 * starts, which the rates take as a restart.
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
   * The counters of a stream as the queue lists them, with the stream's {@code mpps} property
   * as its per-node limit (0 when unset or unreadable).
   */
  public static StreamCounters of(StreamStats stats) {
    int mpps;
    try {
      mpps = StreamProperties.parse(stats.properties()).mpps().orElse(0);
    } catch (IllegalArgumentException e) {
      mpps = 0;
    }
    return new StreamCounters(stats.streamId(), stats.waiting(), stats.running(),
        stats.submitted(), stats.finished(), stats.runMillis(), mpps);
  }
}
