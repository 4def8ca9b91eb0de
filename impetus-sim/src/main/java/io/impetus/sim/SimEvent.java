package io.impetus.sim;

/**
 * One scheduled event. Events run by time; at the same time, by kind in declaration order (a
 * node becomes ready and jobs finish before a grace expires, nodes report, jobs arrive, and the
 * policy's tick sees all of it), then in scheduling order. Immutable.
 *
 * @param millis when
 * @param kind what
 * @param seq scheduling order, to break ties
 * @param node the node's index, for node events
 * @param job the job's index, for job events
 * @param token the run token of a completion (stale completions are ignored)
 */
record SimEvent(long millis, Kind kind, long seq, int node, int job, long token)
    implements Comparable<SimEvent> {

  /** What happens. */
  enum Kind {
    /** A booting node is ready. */
    BOOTED,
    /** A job finished. */
    COMPLETED,
    /** A draining node's grace is over: it kills its remaining jobs and leaves. */
    GRACE_EXPIRED,
    /** A node reports its load to the registry. */
    HEARTBEAT,
    /** A job arrives. */
    ARRIVAL,
    /** The policy's tick. */
    TICK
  }

  @Override
  public int compareTo(SimEvent other) {
    int c = Long.compare(millis, other.millis);
    if (c == 0) {
      c = kind.compareTo(other.kind);
    }
    return c != 0 ? c : Long.compare(seq, other.seq);
  }
}
