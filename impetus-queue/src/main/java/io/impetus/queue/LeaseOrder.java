package io.impetus.queue;

/**
 * Which of a stream's idle workers, parked on a lease request, gets the next job. The order
 * decides whether work spreads over every node or gathers on few, and so whether an auto-scaler
 * ever sees a node with nothing to do.
 */
public enum LeaseOrder {
  /**
   * A worker of the node that holds the most of the stream's leases, the longest waiting of
   * those: work packs onto busy nodes as far as they have idle workers, and the other nodes'
   * workers fall idle and leave, so the scaler can drain those nodes. The default.
   */
  PACK,
  /**
   * The worker that has waited longest, on whichever node: work spreads over every node, so no
   * node is ever idle while the stream has work. Kept to measure {@link #PACK} against.
   */
  FIFO
}
