package io.impetus.node.internal.spawn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares a node's worker slots among the streams that have work, fairly by weight, so that no
 * stream waits forever while others hold every slot.
 *
 * <p>Each stream has a virtual time that grows, while it holds workers, by its workers × the time
 * passed ÷ its weight, as in a fair-share process scheduler. A stream that starts to want workers
 * begins at the least virtual time of the streams that want them already, so that its past, idle
 * or busy, neither helps nor harms it. Each {@link #plan} hands the node's slots out one at a
 * time, each to the stream with the least <em>key</em>: its virtual time, plus one
 * {@linkplain #SlotPlanner quantum} ÷ weight for each slot it was handed already this round (so
 * that free slots spread over the streams), less one quantum ÷ weight for a slot it holds already
 * (so that a worker keeps its slot for at least a quantum before another stream may take it, and
 * no worker is swapped out for a stream that is ahead by a hair). Ties go to the stream holding
 * fewer slots per weight, then to the stream that asked first.
 *
 * <p>So when streams want fewer workers than the node has slots, each gets what it wants; when
 * they want more, each gets its weighted share: whole slots where its share is whole, and
 * quantum-long turns on a slot where it is not (20 streams on 2 slots take turns). A stream's
 * {@code mpps} stays its cap. The plan says which streams start workers and which give workers
 * up; the caller retires a worker by letting it finish the job it runs, never by killing it.
 *
 * <p>Not thread-safe: the worker pool calls it under its lock.
 */
final class SlotPlanner {

  private final int capacity;
  private final long quantumNanos;
  private final Map<String, Account> accounts = new HashMap<>();
  private long arrivals;
  private long lastNanos;
  private boolean started;

  /**
   * A planner for {@code capacity} slots.
   *
   * @param quantumNanos how long a worker keeps its slot at least, when other streams wait
   */
  SlotPlanner(int capacity, long quantumNanos) {
    this.capacity = capacity;
    this.quantumNanos = quantumNanos;
  }

  /**
   * One stream as the node sees it now.
   *
   * @param stream the stream's id
   * @param weight its weight, positive
   * @param cap the most workers it may have on this node (the node's and its own {@code mpps})
   * @param live its workers that are not retiring
   * @param running those of them running a job now
   * @param starting those of them that have not run a job yet, having just started
   * @param waiting its waiting jobs, as the queue last said
   * @param mayStart whether a worker may start for it now (no {@code frequency} pause, no
   *     back-off after failed starts)
   */
  record Demand(String stream, double weight, int cap, int live, int running, int starting,
      int waiting, boolean mayStart) {

    /**
     * How many workers the stream can use: those running a job, and one per waiting job, the
     * starting workers taking the first of those.
     */
    int wants() {
      int wants = Math.min(cap, running + Math.max(starting, waiting));
      return mayStart ? wants : Math.min(wants, live);
    }
  }

  /**
   * What the node should do.
   *
   * @param starts how many workers to start per stream, in the order to start them
   * @param retirements how many workers to retire per stream, most served first
   * @param contended whether some stream wants more workers than it was given
   */
  record Plan(Map<String, Integer> starts, Map<String, Integer> retirements,
      boolean contended) {}

  /**
   * Plans the slots for the streams in {@code demands} (those not listed are forgotten), given
   * {@code leaving} workers already retiring that still hold their slots.
   */
  Plan plan(List<Demand> demands, int leaving, long nowNanos) {
    charge(demands, nowNanos);
    Map<String, Integer> given = allocate(demands);
    int live = 0;
    int missing = 0;
    boolean contended = false;
    for (Demand demand : demands) {
      int slots = given.get(demand.stream());
      live += demand.live();
      missing += Math.max(0, slots - demand.live());
      contended |= slots < demand.wants();
    }
    int free = Math.max(0, capacity - live - leaving);
    Map<String, Integer> starts = new LinkedHashMap<>();
    for (Demand demand : byVirtualTime(demands, false)) {
      int start = Math.min(free, given.get(demand.stream()) - demand.live());
      if (start > 0) {
        starts.put(demand.stream(), start);
        free -= start;
      }
    }
    int toFree = missing - Math.max(0, capacity - live - leaving) - leaving;
    Map<String, Integer> retirements = new LinkedHashMap<>();
    for (Demand demand : byVirtualTime(demands, true)) {
      int retire = Math.min(toFree, demand.live() - given.get(demand.stream()));
      if (retire > 0) {
        retirements.put(demand.stream(), retire);
        toFree -= retire;
      }
    }
    return new Plan(starts, retirements, contended);
  }

  /** The streams in order of their virtual time, least first or most first. */
  private List<Demand> byVirtualTime(List<Demand> demands, boolean most) {
    Comparator<Demand> order = Comparator.comparingDouble(
        demand -> accounts.get(demand.stream()).virtualNanos);
    List<Demand> sorted = new ArrayList<>(demands);
    sorted.sort(most ? order.reversed() : order);
    return sorted;
  }

  /**
   * Advances every stream's virtual time, opens accounts for streams new to the planner and
   * brings a stream that wants workers again up to the least virtual time of those that wanted
   * them all along.
   */
  private void charge(List<Demand> demands, long nowNanos) {
    long elapsed = started ? Math.max(0, nowNanos - lastNanos) : 0;
    started = true;
    lastNanos = nowNanos;
    double least = Double.MAX_VALUE;
    for (Demand demand : demands) {
      Account account = accounts.get(demand.stream());
      if (account != null) {
        account.virtualNanos += account.workers * (double) elapsed / account.weight;
        if (account.wanting && demand.wants() > 0) {
          least = Math.min(least, account.virtualNanos);
        }
      }
    }
    double floor = least == Double.MAX_VALUE ? 0 : least;
    Map<String, Account> kept = new HashMap<>();
    for (Demand demand : demands) {
      Account account = accounts.get(demand.stream());
      if (account == null) {
        account = new Account(floor, arrivals++);
      } else if (!account.wanting && demand.wants() > 0) {
        account.virtualNanos = Math.max(account.virtualNanos, floor);
      }
      account.weight = demand.weight();
      account.workers = demand.live();
      account.wanting = demand.wants() > 0;
      kept.put(demand.stream(), account);
    }
    accounts.clear();
    accounts.putAll(kept);
  }

  /** Hands the slots out one at a time to the stream with the least key. */
  private Map<String, Integer> allocate(List<Demand> demands) {
    Map<String, Integer> given = new HashMap<>();
    demands.forEach(demand -> given.put(demand.stream(), 0));
    for (int slot = 0; slot < capacity; slot++) {
      Demand best = null;
      double bestKey = 0;
      for (Demand demand : demands) {
        int slots = given.get(demand.stream());
        if (slots >= demand.wants()) {
          continue;
        }
        double key = key(demand, slots);
        if (best == null || key < bestKey || key == bestKey && before(demand, best, given)) {
          best = demand;
          bestKey = key;
        }
      }
      if (best == null) {
        break;
      }
      given.merge(best.stream(), 1, Integer::sum);
    }
    return given;
  }

  private double key(Demand demand, int slots) {
    double quantum = quantumNanos / demand.weight();
    double key = accounts.get(demand.stream()).virtualNanos + slots * quantum;
    return slots < demand.live() ? key - quantum : key;
  }

  /** The tie-break: fewer slots per weight first, then the stream that asked first. */
  private boolean before(Demand one, Demand other, Map<String, Integer> given) {
    double oneShare = given.get(one.stream()) / one.weight();
    double otherShare = given.get(other.stream()) / other.weight();
    if (oneShare != otherShare) {
      return oneShare < otherShare;
    }
    return accounts.get(one.stream()).arrival < accounts.get(other.stream()).arrival;
  }

  /** A stream's virtual time, and its weight, workers and wish for more as of the last plan. */
  private static final class Account {
    private double virtualNanos;
    private final long arrival;
    private double weight = 1;
    private int workers;
    private boolean wanting;

    Account(double virtualNanos, long arrival) {
      this.virtualNanos = virtualNanos;
      this.arrival = arrival;
    }
  }
}
