package io.impetus.dfs.sim;

/** Which node's worker gets the next waiting job in the simulator. */
public enum Assignment {
  /**
   * As the queue does: the worker that has waited longest for a job gets it (parked lease
   * requests are answered first come, first served). With no idle worker, a new one starts on
   * the ready node with the most free slots, as nodes staff a backlog. Idle workers leave after
   * the worker timeout.
   */
  FIFO,
  /**
   * An idealized queue that packs: the job goes to the busiest ready node with a free slot, so
   * that the others fall idle and can be drained.
   */
  PACK
}
