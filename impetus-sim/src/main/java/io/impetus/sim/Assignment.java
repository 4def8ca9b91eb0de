package io.impetus.sim;

/** Which node's worker gets the next waiting job in the simulator. */
public enum Assignment {
  /**
   * First come, first served, as the queue answered parked lease requests before it packed
   * them: the worker that has waited longest for a job gets it. With no idle worker, a new one
   * starts on the ready node with the most free slots, as nodes staff a backlog. Idle workers
   * leave after the worker timeout.
   */
  FIFO,
  /**
   * An idealized queue that packs: the job goes to the busiest ready node with a free slot, so
   * that the others fall idle and can be drained. The queue packs as far as parked workers go: it
   * answers those of the node holding the most leases first.
   */
  PACK
}
