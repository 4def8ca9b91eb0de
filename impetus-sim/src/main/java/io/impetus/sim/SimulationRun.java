package io.impetus.sim;

import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.dfs.policy.ClusterSignals;
import io.impetus.dfs.policy.LaunchedNode;
import io.impetus.dfs.policy.ScalingDecision;
import io.impetus.dfs.policy.ScalingPolicy;
import io.impetus.dfs.policy.SignalsBuilder;
import io.impetus.dfs.policy.StreamCounters;
import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceJob;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One replay of a trace against a policy: the event loop, the cluster's state and the counters.
 * The whole trace is one stream. A node registers when it is ready and then reports its load
 * every heartbeat, at a phase of its own; the policy sees the last report (with a zero heartbeat,
 * the truth at every tick). A drained node counts as draining at once (the DFS drained it), and
 * one that left is gone from the registry at once. Jobs wait in
 * FIFO order; a job whose node killed it at the end
 * of a drain grace goes back to the head of the queue, as the queue gives such jobs back. At
 * every tick the policy gets signals built by the DFS's own {@link SignalsBuilder} from what the
 * queue would report (backlog, cumulative counters, the registry with each node's load) and
 * its decision is carried out at once: new nodes boot for the start-up time, a drained booting
 * node is cancelled, a drained ready node takes no more jobs and leaves when its jobs are done or
 * its grace runs out. Single use, single thread.
 */
final class SimulationRun {

  /**
   * Spreads the nodes' heartbeat phases: node {@code i} first reports {@code 1 + i × this}
   * milliseconds (modulo the heartbeat) after registering, so reports do not line up with the
   * policy's ticks.
   */
  private static final long PHASE_STEP_MILLIS = 1_618;

  private final SimulationConfig config;
  private final Trace trace;
  private final ScalingPolicy policy;
  private final String policyName;
  private final String stream;
  private final WorkerChooser chooser;
  private final SignalsBuilder signals;
  private final PriorityQueue<SimEvent> events = new PriorityQueue<>();
  private final List<SimNode> nodes = new ArrayList<>();
  private final Deque<Integer> waiting = new ArrayDeque<>();
  private final long[] firstStart;
  private long seq;
  private long tokens;
  private long submitted;
  private int completed;
  private long completedRunMillis;
  private int running;
  private int interrupted;
  private int starts;
  private int drains;
  private int peak;
  private long lastCompletion;

  SimulationRun(SimulationConfig config, Trace trace, ScalingPolicy policy, String policyName) {
    this.config = config;
    this.trace = trace;
    this.policy = policy;
    this.policyName = policyName;
    this.stream = trace.name();
    this.chooser = new WorkerChooser(config.assignment(), config.workerTimeout().toMillis());
    this.signals = new SignalsBuilder(config.rateWindow(), config.startup());
    this.firstStart = new long[trace.jobs().size()];
    Arrays.fill(firstStart, -1);
  }

  SimulationResult run() {
    List<TraceJob> jobs = trace.jobs();
    for (int i = 0; i < jobs.size(); i++) {
      schedule(jobs.get(i).arrivalMillis(), SimEvent.Kind.ARRIVAL, -1, i, 0);
    }
    schedule(0, SimEvent.Kind.TICK, -1, -1, 0);
    long lastArrival = jobs.isEmpty() ? 0 : jobs.get(jobs.size() - 1).arrivalMillis();
    long limit = lastArrival + trace.workMillis() + config.tail().toMillis() + 3_600_000L;
    long end = 0;
    while (!events.isEmpty()) {
      SimEvent event = events.poll();
      end = event.millis();
      if (end > limit) {
        break;
      }
      handle(event);
      dispatch(end);
      if (completed == jobs.size() && (live() == 0
          || end >= lastCompletion + config.tail().toMillis())) {
        break;
      }
    }
    return result(end);
  }

  private void handle(SimEvent event) {
    long now = event.millis();
    switch (event.kind()) {
      case BOOTED -> {
        SimNode node = nodes.get(event.node());
        if (node.phase == SimNode.Phase.BOOTING) {
          node.phase = SimNode.Phase.READY;
          node.readyMillis = now;
          node.report(now, config.workerTimeout().toMillis());
          long heartbeat = config.heartbeat().toMillis();
          if (heartbeat > 0) {
            schedule(now + 1 + (node.order * PHASE_STEP_MILLIS) % heartbeat,
                SimEvent.Kind.HEARTBEAT, node.order, -1, 0);
          }
        }
      }
      case HEARTBEAT -> {
        SimNode node = nodes.get(event.node());
        if (node.isLive()) {
          node.report(now, config.workerTimeout().toMillis());
          schedule(now + config.heartbeat().toMillis(), SimEvent.Kind.HEARTBEAT, node.order, -1,
              0);
        }
      }
      case COMPLETED -> completed(nodes.get(event.node()), event.job(), event.token(), now);
      case GRACE_EXPIRED -> graceExpired(nodes.get(event.node()), now);
      case ARRIVAL -> {
        waiting.addLast(event.job());
        submitted++;
      }
      case TICK -> {
        tick(now);
        schedule(now + config.tick().toMillis(), SimEvent.Kind.TICK, -1, -1, 0);
      }
      default -> throw new IllegalStateException("unknown event " + event);
    }
  }

  private void completed(SimNode node, int job, long token, long now) {
    Long current = node.running.get(job);
    if (current == null || current != token) {
      return; // the run was killed: this completion never happens
    }
    long duration = trace.jobs().get(job).durationMillis();
    node.running.remove(job);
    node.started.remove(job);
    node.busySlotMillis += duration;
    running--;
    completed++;
    completedRunMillis += duration;
    lastCompletion = now;
    if (node.phase == SimNode.Phase.DRAINING) {
      if (node.running.isEmpty()) {
        leave(node, now);
      }
    } else {
      node.parked.addLast(now);
    }
  }

  private void graceExpired(SimNode node, long now) {
    if (node.phase != SimNode.Phase.DRAINING) {
      return;
    }
    List<Integer> killed = new ArrayList<>(node.running.keySet());
    killed.sort(null);
    for (int i = killed.size() - 1; i >= 0; i--) {
      int job = killed.get(i);
      node.busySlotMillis += now - node.started.get(job);
      waiting.addFirst(job);
      running--;
      interrupted++;
    }
    node.running.clear();
    node.started.clear();
    leave(node, now);
  }

  private void tick(long now) {
    List<NodeStatus> registry = new ArrayList<>();
    List<LaunchedNode> launched = new ArrayList<>();
    for (SimNode node : nodes) {
      if (!node.isLive()) {
        continue;
      }
      launched.add(new LaunchedNode(node.id, node.launchedMillis, node.capacity));
      if (node.phase == SimNode.Phase.READY || node.phase == SimNode.Phase.DRAINING) {
        if (config.heartbeat().isZero()) {
          node.report(now, config.workerTimeout().toMillis());
        }
        int workers = node.reportedWorkers;
        NodeLoad load = new NodeLoad(workers == 0 ? Map.of() : Map.of(stream, workers),
            node.reportedRunning, -1, node.phase == SimNode.Phase.DRAINING);
        registry.add(new NodeStatus(node.id, "sim", node.capacity, "sim", load,
            node.reportedMillis, node.runningNow()));
      }
    }
    List<StreamCounters> streams = List.of(new StreamCounters(stream, waiting.size(), running,
        submitted, completed, completedRunMillis, 0));
    ClusterSignals snapshot = signals.build(now, streams, registry, launched);
    ScalingDecision decision = policy.decide(snapshot);
    apply(decision, now);
  }

  private void apply(ScalingDecision decision, long now) {
    Set<String> liveIds = new HashSet<>();
    for (SimNode node : nodes) {
      if (node.isLive()) {
        liveIds.add(node.id);
      }
    }
    for (ScalingDecision.Drain drain : decision.drains()) {
      if (!liveIds.contains(drain.nodeId())) {
        throw new IllegalStateException("policy " + policyName + " drained node "
            + drain.nodeId() + ", which is not in its signals");
      }
    }
    for (ScalingDecision.Drain drain : decision.drains()) {
      SimNode node = byId(drain.nodeId());
      signals.draining(node.id);
      switch (node.phase) {
        case BOOTING -> {
          drains++;
          leave(node, now);
        }
        case READY -> {
          drains++;
          node.phase = SimNode.Phase.DRAINING;
          node.parked.clear();
          if (node.running.isEmpty()) {
            leave(node, now);
          } else {
            schedule(now + config.grace().toMillis(), SimEvent.Kind.GRACE_EXPIRED, node.order,
                -1, 0);
          }
        }
        default -> {
          // already draining: a repeated order changes nothing
        }
      }
    }
    for (int i = 0; i < decision.start(); i++) {
      SimNode node = new SimNode("node-" + (nodes.size() + 1), nodes.size(),
          config.slotsPerNode(), now);
      nodes.add(node);
      starts++;
      schedule(now + config.startup().toMillis(), SimEvent.Kind.BOOTED, node.order, -1, 0);
    }
    peak = Math.max(peak, live());
  }

  private void dispatch(long now) {
    while (!waiting.isEmpty()) {
      SimNode node = chooser.choose(nodes, now);
      if (node == null) {
        return;
      }
      chooser.take(node, now);
      int job = waiting.pollFirst();
      long token = ++tokens;
      node.running.put(job, token);
      node.started.put(job, now);
      running++;
      if (firstStart[job] < 0) {
        firstStart[job] = now;
      }
      schedule(now + trace.jobs().get(job).durationMillis(), SimEvent.Kind.COMPLETED,
          node.order, job, token);
    }
  }

  private void leave(SimNode node, long now) {
    node.phase = SimNode.Phase.GONE;
    node.goneMillis = now;
    node.parked.clear();
  }

  private SimNode byId(String id) {
    for (SimNode node : nodes) {
      if (node.id.equals(id)) {
        return node;
      }
    }
    throw new IllegalStateException("no node " + id);
  }

  private int live() {
    int live = 0;
    for (SimNode node : nodes) {
      if (node.isLive()) {
        live++;
      }
    }
    return live;
  }

  private void schedule(long millis, SimEvent.Kind kind, int node, int job, long token) {
    events.add(new SimEvent(millis, kind, seq++, node, job, token));
  }

  private SimulationResult result(long end) {
    double nodeMillis = 0;
    double bootMillis = 0;
    double idleMillis = 0;
    for (SimNode node : nodes) {
      long gone = node.isLive() ? end : node.goneMillis;
      nodeMillis += gone - node.launchedMillis;
      long ready = node.readyMillis >= 0 ? Math.min(node.readyMillis, gone) : gone;
      bootMillis += ready - node.launchedMillis;
      long busy = node.busySlotMillis;
      for (long start : node.started.values()) {
        busy += end - start; // jobs still running when the run ended
      }
      idleMillis += (double) ((gone - ready) * node.capacity - busy) / node.capacity;
    }
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < firstStart.length; i++) {
      if (firstStart[i] >= 0) {
        waits.add(firstStart[i] - trace.jobs().get(i).arrivalMillis());
      }
    }
    int slots = config.slotsPerNode();
    return new SimulationResult(policyName, trace.name(), trace.jobs().size(),
        nodeMillis / 1000, bootMillis / 1000, idleMillis / 1000, Bounds.fluid(trace, slots),
        Bounds.zeroWait(trace, slots),
        WaitStats.of(waits.stream().mapToLong(Long::longValue).toArray()), peak, starts, drains,
        interrupted, trace.jobs().size() - completed, end / 1000.0);
  }
}
