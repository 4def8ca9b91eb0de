package io.impetus.dfs.policy;

import io.impetus.core.protocol.NodeStatus;
import io.impetus.dfs.internal.policy.RateTracker;
import io.impetus.dfs.internal.policy.StartupTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link ClusterSignals} of each tick from what the DFS loop reads: the streams'
 * counters, the queue's node registry ({@code ListNodes}) and the nodes its provisioner launched.
 * It remembers what one snapshot cannot say:
 *
 * <ul>
 *   <li>each stream's rates over the rate window, and its mean job duration over ten rate
 *       windows ({@link RateTracker}, one per stream);
 *   <li>each node's last activity: the last tick at which it ran a job, else when it was first
 *       seen;
 *   <li>the nodes the DFS asked to drain ({@link #draining}), which are {@link
 *       NodeState#DRAINING} even before their heartbeat says so;
 *   <li>the measured start-up time: from a launched node's launch to the first tick that finds
 *       it in the registry ({@link StartupTracker}).
 * </ul>
 *
 * <p>A launched node not (yet) in the registry is {@link NodeState#BOOTING}; one that was in the
 * registry and has left it is gone and is left out even if still listed as launched. A
 * registered node the DFS did not launch (started by hand) is included, its launch taken as
 * when it was first seen. State of streams and nodes that disappear is forgotten. Not
 * thread-safe: one builder per DFS loop, called from its thread with non-decreasing times.
 */
public final class SignalsBuilder {

  private final Duration rateWindow;
  private final StartupTracker startup;
  private final Map<String, RateTracker> rates = new HashMap<>();
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Map<String, Long> lastActive = new HashMap<>();
  private final Set<String> drainRequested = new HashSet<>();

  /**
   * A builder.
   *
   * @param rateWindow the window of the streams' rates
   * @param assumedStartup the node start-up time to assume until one has been measured
   */
  public SignalsBuilder(Duration rateWindow, Duration assumedStartup) {
    this.rateWindow = rateWindow;
    this.startup = new StartupTracker(assumedStartup);
    tracker(); // checks the window now rather than at the first stream
  }

  /** The DFS asked this node to drain: it counts as draining from now on. */
  public void draining(String nodeId) {
    drainRequested.add(nodeId);
  }

  /**
   * The signals of one tick.
   *
   * @param nowMillis the tick's time
   * @param streams every stream the queue holds
   * @param registry the queue's registered nodes
   * @param launched the nodes the provisioner launched and still runs
   * @return the signals
   */
  public ClusterSignals build(long nowMillis, List<StreamCounters> streams,
      List<NodeStatus> registry, List<LaunchedNode> launched) {
    return new ClusterSignals(nowMillis, streams(nowMillis, streams),
        nodes(nowMillis, registry, launched), startup.estimate());
  }

  private RateTracker tracker() {
    return new RateTracker(rateWindow, rateWindow.multipliedBy(10));
  }

  private List<StreamSignals> streams(long now, List<StreamCounters> streams) {
    List<StreamSignals> signals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StreamCounters stream : streams) {
      seen.add(stream.streamId());
      RateTracker.Rates r = rates.computeIfAbsent(stream.streamId(), id -> tracker())
          .observe(now, stream.submitted(), stream.completed(), stream.completedRunMillis());
      signals.add(new StreamSignals(stream.streamId(), stream.waiting(), stream.running(),
          r.arrivalRate(), r.completionRate(), r.meanJobSeconds(), stream.slotsPerNode()));
    }
    rates.keySet().retainAll(seen);
    return signals;
  }

  private List<NodeSignals> nodes(long now, List<NodeStatus> registry,
      List<LaunchedNode> launched) {
    Map<String, LaunchedNode> byId = new LinkedHashMap<>();
    for (LaunchedNode node : launched) {
      byId.put(node.nodeId(), node);
    }
    List<NodeSignals> nodes = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (NodeStatus status : registry) {
      String id = status.nodeId();
      present.add(id);
      LaunchedNode ours = byId.get(id);
      if (!firstSeen.containsKey(id)) {
        firstSeen.put(id, now);
        lastActive.put(id, now);
        if (ours != null) {
          startup.registered(ours.launchedMillis(), now);
        }
      }
      int busy = status.leasedJobs();
      if (busy > 0) {
        lastActive.put(id, now);
      }
      NodeState state = status.load().draining() || drainRequested.contains(id)
          ? NodeState.DRAINING
          : NodeState.READY;
      long launchedAt = ours != null ? ours.launchedMillis() : firstSeen.get(id);
      nodes.add(new NodeSignals(id, state, status.capacity(), busy, launchedAt,
          lastActive.get(id), status.lastSeenMillis()));
    }
    for (LaunchedNode node : byId.values()) {
      if (present.contains(node.nodeId()) || firstSeen.containsKey(node.nodeId())) {
        continue; // registered now, or registered before and gone since
      }
      present.add(node.nodeId());
      NodeState state = drainRequested.contains(node.nodeId())
          ? NodeState.DRAINING
          : NodeState.BOOTING;
      long launchedAt = node.launchedMillis();
      nodes.add(new NodeSignals(node.nodeId(), state, node.capacity(), 0, launchedAt, launchedAt,
          launchedAt));
    }
    Set<String> known = new HashSet<>(present);
    known.addAll(byId.keySet());
    firstSeen.keySet().retainAll(known);
    lastActive.keySet().retainAll(known);
    drainRequested.retainAll(known);
    return nodes;
  }
}
