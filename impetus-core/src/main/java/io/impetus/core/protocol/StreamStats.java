package io.impetus.core.protocol;

import java.util.Map;

/**
 * What one stream holds now and has done since the queue started: the signals the DFS scales on.
 * The totals are counters that start at zero when the queue starts (they are not journaled), so a
 * reader computes rates from the differences between two readings and takes a total that went
 * down as a restart.
 *
 * @param streamId the stream
 * @param waiting jobs that a worker could lease now
 * @param delayed jobs waiting for their delay to pass
 * @param running jobs leased to workers
 * @param submitted jobs submitted since the queue started
 * @param finished jobs finished (succeeded or failed) since the queue started
 * @param runMillis the summed run time of those finished jobs, in milliseconds
 * @param properties the stream's properties ({@code mpps} bounds its workers per node)
 */
public record StreamStats(String streamId, int waiting, int delayed, int running, long submitted,
    long finished, long runMillis, Map<String, String> properties) {

  /** Copies the properties. */
  public StreamStats {
    properties = Map.copyOf(properties);
  }
}
