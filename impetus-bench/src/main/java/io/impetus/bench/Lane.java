package io.impetus.bench;

/**
 * Where a workload's {@link Rounds} send their jobs on a {@link Peer}: for Impetus one client
 * and its stream, for Hazelcast and the thread pool a counter of the results of the jobs this lane
 * submitted. A lane counts results and checks each against its job's {@link Work}; a wrong result
 * or a failed job makes the whole measurement invalid, which the peer reports after the rounds.
 *
 * <p>One thread submits and awaits; results may arrive on other threads.
 */
interface Lane {

  /** Submits one job running {@code work} on {@code argument}; returns at once. */
  void submit(Work work, Object argument);

  /**
   * Waits until {@code count} more results have arrived.
   *
   * @return when the last of them arrived, in {@link System#nanoTime()} terms
   * @throws IllegalStateException when none arrives for the peer's patience while some are due
   */
  long await(int count) throws InterruptedException;
}
