package io.impetus.sim.trace;

/**
 * One job of a trace. Immutable; checked when made.
 *
 * @param arrivalMillis when it is submitted, from the trace's start
 * @param durationMillis how long it runs once a worker has it (at least 1 ms)
 */
public record TraceJob(long arrivalMillis, long durationMillis) {

  /** Checks the values. */
  public TraceJob {
    if (arrivalMillis < 0 || durationMillis < 1) {
      throw new IllegalArgumentException("a job needs an arrival of at least 0 and a duration of"
          + " at least 1 ms, not " + arrivalMillis + " ms and " + durationMillis + " ms");
    }
  }
}
