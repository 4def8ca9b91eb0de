package io.impetus.dfs.policy;

/**
 * What one stream asks of the cluster at one tick. Immutable; the values are checked when it is
 * made ({@link IllegalArgumentException} naming the stream and the value).
 *
 * @param streamId the stream
 * @param waiting jobs no worker holds yet (due now; delayed jobs not yet due are not counted)
 * @param running jobs leased to workers
 * @param arrivalRate jobs submitted per second, over the recent window
 * @param completionRate jobs finished per second, over the recent window
 * @param meanJobSeconds the mean run time of the stream's recently finished jobs, in seconds; 0
 *     while none has finished (a policy then assumes its own default)
 * @param slotsPerNode the most workers one node runs for this stream (its {@code mpps}, capped
 *     by the nodes' {@code -m}); 0 when only the node's capacity limits it
 */
public record StreamSignals(
    String streamId, int waiting, int running, double arrivalRate, double completionRate,
    double meanJobSeconds, int slotsPerNode) {

  /** Checks the values. */
  public StreamSignals {
    if (waiting < 0 || running < 0 || slotsPerNode < 0) {
      throw new IllegalArgumentException("stream " + streamId + ": negative count (waiting "
          + waiting + ", running " + running + ", slots per node " + slotsPerNode + ")");
    }
    if (!(arrivalRate >= 0) || !(completionRate >= 0) || !(meanJobSeconds >= 0)
        || Double.isInfinite(arrivalRate) || Double.isInfinite(completionRate)
        || Double.isInfinite(meanJobSeconds)) {
      throw new IllegalArgumentException("stream " + streamId + ": rates and durations must be"
          + " finite and at least 0 (arrival " + arrivalRate + "/s, completion " + completionRate
          + "/s, mean job " + meanJobSeconds + " s)");
    }
  }

  /** A stream with this backlog and no rates measured yet. */
  public static StreamSignals backlog(String streamId, int waiting, int running) {
    return new StreamSignals(streamId, waiting, running, 0, 0, 0, 0);
  }
}
