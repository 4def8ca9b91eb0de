package io.impetus.dfs.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The policy the DFS runs by default. Its rules, applied at every tick:
 *
 * <ol>
 *   <li><b>Demand</b> in workers, per stream, from backlog and throughput (see {@link Demand}):
 *       the larger of what keeps up with the arrival rate ({@code λ·d}) and what works the
 *       backlog off within the drain target ({@code running + min(waiting, waiting·d/T)}).
 *   <li><b>Capacity</b> is the workers of ready and <em>booting</em> nodes (a booting node is on
 *       its way; draining ones are not capacity).
 *   <li><b>Scale out</b> when demand exceeds capacity: start {@code ceil(missing workers /
 *       slotsPerNode)} nodes (and enough for a stream's per-node limit and for {@code minNodes}),
 *       within {@code maxNodes} counting booting and draining nodes, at most once per {@code
 *       scaleUpCooldown}. A backlog that the spare capacity works off before a new node could
 *       boot (the measured start-up time) starts nothing: such a node would arrive to find no
 *       work.
 *   <li><b>Scale in</b> only when nothing was started within {@code scaleDownCooldown}, against
 *       the larger of the current demand and the highest throughput demand ({@code λ·d}) seen
 *       over that window, plus {@code hysteresis}: drain ready nodes that run no job, have been
 *       idle for {@code idleTime} and reported so within {@code reportAge}, longest idle first,
 *       as long as the remaining capacity still covers that demand and {@code minNodes}. With
 *       billing-period awareness on, an idle node is drained only in the last {@code
 *       retireWindow} of a paid period. A node reported with running jobs is never drained
 *       (above {@code maxNodes} either); with no demand, the cluster scales to zero (or {@code
 *       minNodes}).
 * </ol>
 *
 * <p>Not thread-safe: one instance per DFS loop, called from its one thread, as {@link
 * ScalingPolicy} says. It keeps the time of its last start and the throughput demand of the
 * last {@code scaleDownCooldown}.
 */
public final class DefaultPolicy implements ScalingPolicy {

  private final DefaultPolicyConfig config;
  private final Deque<Sample> recent = new ArrayDeque<>();
  private boolean started;
  private long lastStartMillis;

  /** A policy with these settings. */
  public DefaultPolicy(DefaultPolicyConfig config) {
    this.config = config;
  }

  /** The settings. */
  public DefaultPolicyConfig config() {
    return config;
  }

  @Override
  public ScalingDecision decide(ClusterSignals signals) {
    long now = signals.nowMillis();
    Demand demand = Demand.of(signals.streams(), config);
    remember(now, demand);
    Cluster cluster = Cluster.of(signals);
    int slots = config.slotsPerNode();
    int desired = clamp(demand.nodes(slots));
    String state = String.format(Locale.ROOT, "demand %.1f workers (%s); %d nodes up (%d workers)"
        + ", %d booting, %d draining", demand.workers(), demand.summary(), cluster.ready(),
        cluster.readyWorkers(), cluster.booting(), cluster.draining());

    int start = toStart(demand, cluster, signals);
    if (start > 0) {
      if (sinceStart(now) < config.scaleUpCooldown().toMillis()) {
        return ScalingDecision.hold(desired, state + ": would start " + start
            + ", scale-up cooling down");
      }
      started = true;
      lastStartMillis = now;
      return new ScalingDecision(start, List.of(), desired, state + ": start " + start);
    }
    if (sinceStart(now) < config.scaleDownCooldown().toMillis()) {
      return ScalingDecision.hold(desired, state + ": hold (started nodes recently)");
    }
    List<ScalingDecision.Drain> drains = toDrain(signals, demand, cluster);
    if (drains.isEmpty()) {
      return ScalingDecision.hold(desired, state + ": hold");
    }
    return new ScalingDecision(0, drains, desired, state + ": drain " + drains.size());
  }

  /** Milliseconds since the last start; the most there is before the first. */
  private long sinceStart(long now) {
    return started ? now - lastStartMillis : Long.MAX_VALUE;
  }

  /** How many nodes to start now, before the cooldown; 0 when capacity suffices. */
  private int toStart(Demand demand, Cluster cluster, ClusterSignals signals) {
    int active = cluster.active();
    int wanted = config.minNodes() - active;
    if (worthStarting(demand, cluster, signals)) {
      double missing = demand.workers() - cluster.workers();
      if (missing > 0) {
        wanted = Math.max(wanted, Demand.ceil(missing / config.slotsPerNode()));
      }
      wanted = Math.max(wanted, Math.min(demand.nodesForStreams(), config.maxNodes()) - active);
    }
    int room = config.maxNodes() - active - cluster.draining();
    return Math.max(0, Math.min(room, wanted));
  }

  /**
   * Whether a new node would find work when it is up: either capacity does not even keep up
   * with arrivals, or the backlog outlasts the node start-up time at the spare capacity's pace.
   */
  private static boolean worthStarting(Demand demand, Cluster cluster, ClusterSignals signals) {
    double spare = cluster.workers() - demand.keepUp();
    if (spare <= 0) {
      return true;
    }
    double clearSeconds = demand.backlogWork() / spare;
    return clearSeconds > signals.nodeStartup().toMillis() / 1000.0;
  }

  /** The idle nodes to drain, longest idle first, keeping the demand of the recent window. */
  private List<ScalingDecision.Drain> toDrain(
      ClusterSignals signals, Demand demand, Cluster cluster) {
    long now = signals.nowMillis();
    double keepWorkers = demand.workers();
    for (Sample sample : recent) {
      keepWorkers = Math.max(keepWorkers, sample.keepUp());
    }
    keepWorkers *= 1 + config.hysteresis();
    int keepNodes = Math.max(Math.min(demand.nodesForStreams(), config.maxNodes()),
        config.minNodes());
    List<NodeSignals> candidates = new ArrayList<>();
    for (NodeSignals node : signals.nodes(NodeState.READY)) {
      if (node.busy() == 0 && node.idleMillis(now) >= config.idleTime().toMillis()
          && now - node.reportedMillis() <= config.reportAge().toMillis()
          && inRetireWindow(node, now)) {
        candidates.add(node);
      }
    }
    candidates.sort(Comparator.comparingLong(NodeSignals::lastActiveMillis)
        .thenComparing(NodeSignals::nodeId));
    int active = cluster.active();
    long workers = cluster.workers();
    List<ScalingDecision.Drain> drains = new ArrayList<>();
    for (NodeSignals node : candidates) {
      boolean overMax = active > config.maxNodes();
      if (!overMax && (active - 1 < keepNodes || workers - node.capacity() < keepWorkers)) {
        continue;
      }
      active--;
      workers -= node.capacity();
      drains.add(new ScalingDecision.Drain(node.nodeId(), reason(node, now, overMax)));
    }
    return drains;
  }

  /** Whether billing allows retiring the node now: always, unless billing awareness is on. */
  private boolean inRetireWindow(NodeSignals node, long now) {
    if (!config.billingAware()) {
      return true;
    }
    long period = config.billingPeriod().toMillis();
    long intoPeriod = Math.floorMod(now - node.launchedMillis(), period);
    return intoPeriod >= period - config.retireWindow().toMillis();
  }

  private String reason(NodeSignals node, long now, boolean overMax) {
    String reason = "idle for " + node.idleMillis(now) / 1000 + " s";
    if (overMax) {
      reason += ", more than maxNodes " + config.maxNodes();
    }
    if (config.billingAware()) {
      long period = config.billingPeriod().toMillis();
      long left = period - Math.floorMod(now - node.launchedMillis(), period);
      reason += ", " + left / 1000 + " s before its paid period ends";
    }
    return reason;
  }

  private void remember(long now, Demand demand) {
    recent.addLast(new Sample(now, demand.keepUp()));
    long window = config.scaleDownCooldown().toMillis();
    while (recent.size() > 1 && recent.peekFirst().millis() < now - window) {
      recent.removeFirst();
    }
  }

  private int clamp(int nodes) {
    return Math.max(config.minNodes(), Math.min(config.maxNodes(), nodes));
  }

  /**
   * The throughput demand at one past tick, kept for the scale-in window.
   *
   * @param millis the tick's time
   * @param keepUp the workers that kept up with arrivals
   */
  private record Sample(long millis, double keepUp) {}

  /**
   * The cluster's nodes counted by state.
   *
   * @param ready ready nodes
   * @param booting booting nodes
   * @param draining draining nodes
   * @param readyWorkers the capacity of the ready nodes
   * @param workers the capacity of ready and booting nodes
   */
  private record Cluster(int ready, int booting, int draining, long readyWorkers, long workers) {

    static Cluster of(ClusterSignals signals) {
      int ready = 0;
      int booting = 0;
      int draining = 0;
      long readyWorkers = 0;
      long bootingWorkers = 0;
      for (NodeSignals node : signals.nodes()) {
        switch (node.state()) {
          case READY -> {
            ready++;
            readyWorkers += node.capacity();
          }
          case BOOTING -> {
            booting++;
            bootingWorkers += node.capacity();
          }
          case DRAINING -> draining++;
          default -> throw new IllegalStateException("unknown node state " + node.state());
        }
      }
      return new Cluster(ready, booting, draining, readyWorkers, readyWorkers + bootingWorkers);
    }

    int active() {
      return ready + booting;
    }
  }
}
