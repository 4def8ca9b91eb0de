package io.impetus.sim;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Picks the node whose worker takes the next waiting job, by the {@link Assignment}. Stateless
 * apart from its settings; used by one {@link SimulationRun}.
 */
final class WorkerChooser {

  private final Assignment assignment;
  private final long workerTimeoutMillis;

  WorkerChooser(Assignment assignment, long workerTimeoutMillis) {
    this.assignment = assignment;
    this.workerTimeoutMillis = workerTimeoutMillis;
  }

  /** The node to run the next job at {@code now}, or null when no ready node has room. */
  @Nullable SimNode choose(List<SimNode> nodes, long now) {
    return switch (assignment) {
      case PACK -> busiest(nodes);
      case FIFO -> longestIdleWorker(nodes, now);
    };
  }

  /** Takes a worker on the chosen node: an idle one if it has one, else a new one. */
  void take(SimNode node, long now) {
    if (node.liveParked(now, workerTimeoutMillis) > 0) {
      node.parked.removeFirst();
    }
  }

  private @Nullable SimNode busiest(List<SimNode> nodes) {
    SimNode best = null;
    for (SimNode node : nodes) {
      if (node.phase == SimNode.Phase.READY && node.running.size() < node.capacity
          && (best == null || node.running.size() > best.running.size())) {
        best = node;
      }
    }
    return best;
  }

  /**
   * The node of the idle worker that has waited longest; else, to start a new worker, the node
   * with the most free slots.
   */
  private @Nullable SimNode longestIdleWorker(List<SimNode> nodes, long now) {
    SimNode parked = null;
    SimNode roomiest = null;
    int mostFree = 0;
    for (SimNode node : nodes) {
      if (node.phase != SimNode.Phase.READY) {
        continue;
      }
      int idle = node.liveParked(now, workerTimeoutMillis);
      if (idle > 0 && (parked == null || node.parked.peekFirst() < parked.parked.peekFirst())) {
        parked = node;
      }
      int free = node.capacity - node.running.size() - idle;
      if (free > mostFree) {
        mostFree = free;
        roomiest = node;
      }
    }
    return parked != null ? parked : roomiest;
  }
}
