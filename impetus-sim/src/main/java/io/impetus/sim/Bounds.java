package io.impetus.sim;

import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceJob;
import java.util.Arrays;

/**
 * The cost references a policy is measured against, computed from the trace alone. Stateless.
 */
public final class Bounds {

  private Bounds() {}

  /**
   * The clairvoyant lower bound in node-seconds: the trace's summed job durations divided by
   * the slots per node. Whatever a policy does, every job occupies one slot for its duration and
   * a node offers {@code slots} slot-seconds per second, so no policy, however clairvoyant, and
   * even with nodes that start instantly, pays less.
   */
  public static double fluid(Trace trace, int slots) {
    return trace.workMillis() / 1000.0 / slots;
  }

  /**
   * The node-seconds of serving every job the moment it arrives, with nodes that start and stop
   * instantly and jobs packed perfectly: the integral over time of {@code ceil(running(t) /
   * slots)}, where {@code running(t)} counts the jobs that would run at {@code t} if none
   * waited. At least {@link #fluid}; a lower bound only for policies that never let a job wait.
   */
  public static double zeroWait(Trace trace, int slots) {
    int n = trace.jobs().size();
    long[] points = new long[2 * n];
    for (int i = 0; i < n; i++) {
      TraceJob job = trace.jobs().get(i);
      // Encode time and sign in one long: ends (-1) sort before starts (+1) at the same time.
      points[2 * i] = (job.arrivalMillis() << 1) | 1;
      points[2 * i + 1] = (job.arrivalMillis() + job.durationMillis()) << 1;
    }
    Arrays.sort(points);
    long nodeMillis = 0;
    int running = 0;
    long previous = 0;
    for (long point : points) {
      long time = point >> 1;
      nodeMillis += (time - previous) * ((running + slots - 1) / slots);
      previous = time;
      running += (point & 1) == 1 ? 1 : -1;
    }
    return nodeMillis / 1000.0;
  }
}
