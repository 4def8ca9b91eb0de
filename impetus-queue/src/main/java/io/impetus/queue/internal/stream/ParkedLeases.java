package io.impetus.queue.internal.stream;

import io.impetus.queue.LeaseOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A stream's lease requests that found no job due and wait for one, in the order they came, and
 * which of them a new job goes to ({@link LeaseOrder}). Each holds the timer that answers it empty
 * when its wait runs out. Not thread-safe: the stream's lock guards it.
 */
final class ParkedLeases {

  /** A parked lease request. */
  static final class Request {
    final WorkerLink worker;
    final long rid;
    final int max;
    Scheduler.@Nullable Cancellable timeout;

    Request(WorkerLink worker, long rid, int max) {
      this.worker = worker;
      this.rid = rid;
      this.max = max;
    }

    void cancelTimeout() {
      if (timeout != null) {
        timeout.cancel();
      }
    }
  }

  private final ArrayDeque<Request> requests = new ArrayDeque<>();

  void add(Request request) {
    requests.add(request);
  }

  /** Takes out {@code request}; whether it was still parked. */
  boolean remove(Request request) {
    return requests.remove(request);
  }

  boolean isEmpty() {
    return requests.isEmpty();
  }

  /**
   * Takes out the request to answer next, its timer cancelled: with {@link LeaseOrder#FIFO} the
   * longest waiting; with {@link LeaseOrder#PACK} one of a worker whose node holds the most of
   * the stream's leases ({@code leasesByNode}, asked only when the parked workers are on more
   * than one node), the longest waiting of those. Packing the work onto the busiest nodes lets
   * the others fall idle, so that a scaler can drain them; spreading it first come, first served
   * keeps every node a little busy.
   */
  Request next(LeaseOrder order, Consumer<Map<String, Integer>> leasesByNode) {
    Request chosen = order == LeaseOrder.PACK ? busiest(leasesByNode) : requests.peek();
    requests.remove(chosen);
    chosen.cancelTimeout();
    return chosen;
  }

  private Request busiest(Consumer<Map<String, Integer>> leasesByNode) {
    Request first = requests.peek();
    if (requests.stream().allMatch(r -> r.worker.nodeId().equals(first.worker.nodeId()))) {
      return first;
    }
    Map<String, Integer> held = new HashMap<>();
    leasesByNode.accept(held);
    Request best = first;
    int most = -1;
    for (Request request : requests) {
      int leased = held.getOrDefault(request.worker.nodeId(), 0);
      if (leased > most) {
        best = request;
        most = leased;
      }
    }
    return best;
  }

  /** Takes out every request of {@code worker}, their timers cancelled, unanswered. */
  void drop(WorkerLink worker) {
    requests.removeIf(request -> {
      if (request.worker == worker) {
        request.cancelTimeout();
        return true;
      }
      return false;
    });
  }

  /** Takes out every request, their timers cancelled, handing each to {@code answer}. */
  void drainTo(Consumer<Request> answer) {
    for (Request request : requests) {
      request.cancelTimeout();
      answer.accept(request);
    }
    requests.clear();
  }
}
