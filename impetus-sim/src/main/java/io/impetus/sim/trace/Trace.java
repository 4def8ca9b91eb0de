package io.impetus.sim.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A named list of jobs, sorted by arrival (jobs that arrive together keep their order).
 * Immutable.
 *
 * @param name what the reports call it
 * @param jobs the jobs, by arrival
 */
public record Trace(String name, List<TraceJob> jobs) {

  /** Sorts a copy of the jobs by arrival. */
  public Trace {
    List<TraceJob> sorted = new ArrayList<>(jobs);
    sorted.sort(Comparator.comparingLong(TraceJob::arrivalMillis));
    jobs = List.copyOf(sorted);
  }

  /** When the last job ends if it starts on arrival, in milliseconds; 0 for no jobs. */
  public long endMillis() {
    long end = 0;
    for (TraceJob job : jobs) {
      end = Math.max(end, job.arrivalMillis() + job.durationMillis());
    }
    return end;
  }

  /** The summed durations of the jobs, in milliseconds. */
  public long workMillis() {
    long sum = 0;
    for (TraceJob job : jobs) {
      sum += job.durationMillis();
    }
    return sum;
  }
}
