package io.impetus.core.protocol;

import java.util.Map;

/**
 * What a node is doing, as it reports in each heartbeat.
 *
 * @param workers the node's live workers per stream id
 * @param runningJobs how many jobs its workers are running right now
 * @param loadAverage the machine's one-minute load average, or a negative value when unknown
 * @param draining whether the node is draining: it starts no workers and leases nothing new
 */
public record NodeLoad(
    Map<String, Integer> workers, int runningJobs, double loadAverage, boolean draining) {

  /** Takes an immutable copy of the worker counts. */
  public NodeLoad {
    workers = Map.copyOf(workers);
  }

  /** An idle node's load. */
  public static NodeLoad idle() {
    return new NodeLoad(Map.of(), 0, -1, false);
  }
}
