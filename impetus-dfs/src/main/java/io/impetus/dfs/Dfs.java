package io.impetus.dfs;

import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.net.ReconnectPolicy;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.DrainNode;
import io.impetus.core.protocol.ListNodes;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.NodeList;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamList;
import io.impetus.dfs.policy.ClusterSignals;
import io.impetus.dfs.policy.LaunchedNode;
import io.impetus.dfs.policy.ScalingDecision;
import io.impetus.dfs.policy.ScalingPolicy;
import io.impetus.dfs.policy.SignalsBuilder;
import io.impetus.dfs.policy.StreamCounters;
import io.impetus.dfs.provision.Machine;
import io.impetus.dfs.provision.Provisioner;
import io.impetus.dfs.provision.ProvisioningException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auto-scaler: every tick it reads the streams and the node registry from the queue, asks the
 * {@link ScalingPolicy} what to do, starts machines through the {@link Provisioner} and drains the
 * idle nodes the policy names. It never waits for a machine: launches and terminations run on a
 * thread of their own, and a machine counts as booting until its node registers. A machine whose
 * node does not register within the boot timeout is terminated and reported; a drained node
 * leaves the registry once its running jobs are done, and its machine is then terminated. Only
 * the machines this DFS owns (launched, or adopted from the provisioner at start) are ever
 * drained or terminated. The connection to the queue survives a queue restart; ticks while the
 * queue is away change nothing.
 *
 * <p>Thread-safe; {@link #close} stops the loop and leaves the machines running (a DFS started
 * again adopts them).
 */
public final class Dfs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dfs.class);
  private static final Duration RATE_WINDOW = Duration.ofSeconds(30);
  private static final Duration ASSUMED_STARTUP = Duration.ofSeconds(5);
  private static final Duration MAX_LAUNCH_BACKOFF = Duration.ofMinutes(1);

  private final DfsConfig config;
  private final Provisioner provisioner;
  private final ScalingPolicy policy;
  private final Clock clock;
  private final SignalsBuilder signals = new SignalsBuilder(RATE_WINDOW, ASSUMED_STARTUP);
  private final Map<String, Owned> owned = new ConcurrentHashMap<>();
  private final AtomicInteger launching = new AtomicInteger();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
      runnable -> daemonThread(runnable, "dfs-loop"));
  private final ExecutorService provisioning = Executors.newSingleThreadExecutor(
      runnable -> daemonThread(runnable, "dfs-provision"));
  private volatile ReconnectingConnection link;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile boolean queueAway;
  private volatile long launchAllowedFrom;
  private int failedLaunches;
  /** The latest tick's time: the signals' clock must not go back when the system clock does. */
  private long lastTick;

  private Dfs(DfsConfig config, Provisioner provisioner, ScalingPolicy policy, Clock clock) {
    this.config = config;
    this.provisioner = provisioner;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Adopts the provisioner's machines, connects to the queue as a control peer and starts the
   * loop. A queue that is not there yet is waited for in the background (the loop skips its
   * ticks meanwhile), for as long as it takes or {@link DfsConfig#queueWait}.
   *
   * @throws PeerException when the queue refuses the key
   * @throws ProvisioningException when the provisioner cannot list its machines
   */
  public static Dfs start(DfsConfig config, Provisioner provisioner, ScalingPolicy policy) {
    Dfs dfs = new Dfs(config, provisioner, policy, Clock.systemUTC());
    for (Machine machine : provisioner.list()) {
      dfs.owned.put(machine.nodeId(), new Owned(machine));
      LOG.info("adopted machine {} ({}), node {}", machine.id(), machine.description(),
          machine.nodeId());
    }
    ReconnectPolicy wait = config.queueWait() == null ? ReconnectPolicy.forever()
        : ReconnectPolicy.within(config.queueWait());
    dfs.link = ReconnectingConnection.open(dfs::connect, config.queue(), wait, wait,
        (connection, first) -> { }, dfs::gaveUp, "dfs");
    dfs.loop.scheduleWithFixedDelay(dfs::tickSafely, 0, config.tick().toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("dfs following queue {} every {} ms", config.queue(), config.tick().toMillis());
    return dfs;
  }

  /** The queue stayed away longer than the configured wait: the DFS ends. */
  private void gaveUp(PeerException reason) {
    LOG.error("dfs: {}", reason.getMessage());
    loop.shutdown();
    ended.completeExceptionally(reason);
  }

  /**
   * Completes exceptionally when the DFS ends by itself: the queue stayed away longer than its
   * {@link DfsConfig#queueWait}.
   */
  public CompletableFuture<Void> endFuture() {
    return ended;
  }

  private PeerConnection connect() {
    return PeerConnection.open(config.queue(), config.authkey(), PeerRole.CONTROL, "dfs",
        push -> { });
  }

  private static Thread daemonThread(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** The machines this DFS owns now, for tests and diagnostics. */
  public List<Machine> machines() {
    return owned.values().stream().map(Owned::machine).toList();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("dfs tick failed; trying again at the next", e);
    }
  }

  private void tick() {
    if (link.current().isEmpty()) {
      return; // the queue is away: the link said so, and says when it is back
    }
    StreamList streams;
    NodeList nodes;
    try {
      long timeout = config.tick().toMillis() * 5;
      streams = link.call(ListStreams::new, StreamList.class).get(timeout, TimeUnit.MILLISECONDS);
      nodes = link.call(ListNodes::new, NodeList.class).get(timeout, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      if (!queueAway) {
        LOG.warn("cannot read the queue at {} ({}); holding until it answers", config.queue(),
            e.getCause() == null ? e.toString() : e.getCause().getMessage());
        queueAway = true;
      }
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (queueAway) {
      LOG.info("the queue at {} answers again", config.queue());
      queueAway = false;
    }
    long now = Math.max(lastTick, clock.millis());
    lastTick = now;
    Map<String, NodeStatus> registered = nodes.nodes().stream()
        .collect(Collectors.toMap(NodeStatus::nodeId, Function.identity(), (a, b) -> b));
    followMachines(now, registered);
    ClusterSignals cluster = signals.build(now, counters(streams), nodes.nodes(),
        booting(now));
    ScalingDecision decision = policy.decide(cluster);
    if (!decision.isHold()) {
      LOG.info("scaling: {} (start {}, drain {}, desired {} nodes)", decision.reason(),
          decision.start(), decision.drains().size(), decision.desiredNodes());
    }
    apply(decision, now);
  }

  private static List<StreamCounters> counters(StreamList streams) {
    return streams.streams().stream().map(StreamCounters::of).toList();
  }

  /** Notes registrations, and ends machines that drained, vanished or never registered. */
  private void followMachines(long now, Map<String, NodeStatus> registered) {
    for (Owned machine : List.copyOf(owned.values())) {
      String nodeId = machine.machine().nodeId();
      if (registered.containsKey(nodeId)) {
        machine.registered = true;
      } else if (machine.registered) {
        owned.remove(nodeId);
        if (machine.draining) {
          LOG.info("node {} has drained; terminating machine {}", nodeId,
              machine.machine().id());
        } else {
          LOG.warn("node {} left the queue without being drained; terminating machine {}",
              nodeId, machine.machine().id());
        }
        terminate(machine.machine());
      } else if (now - machine.machine().launched().toEpochMilli()
          > config.bootTimeout().toMillis()) {
        owned.remove(nodeId);
        LOG.warn("machine {} ({}): its node {} did not register within {} s; terminating it",
            machine.machine().id(), machine.machine().description(), nodeId,
            config.bootTimeout().toSeconds());
        terminate(machine.machine());
      }
    }
  }

  /** The owned machines whose nodes have not registered yet, and launches still in flight. */
  private List<LaunchedNode> booting(long now) {
    List<LaunchedNode> booting = new ArrayList<>();
    for (Owned machine : owned.values()) {
      if (!machine.registered) {
        booting.add(new LaunchedNode(machine.machine().nodeId(),
            machine.machine().launched().toEpochMilli(), config.nodeCapacity()));
      }
    }
    for (int i = 0; i < launching.get(); i++) {
      booting.add(new LaunchedNode("launching-" + i, now, config.nodeCapacity()));
    }
    return booting;
  }

  private void apply(ScalingDecision decision, long now) {
    if (decision.start() > 0 && now >= launchAllowedFrom) {
      int count = decision.start();
      launching.addAndGet(count);
      provisioning.execute(() -> launch(count));
    }
    for (ScalingDecision.Drain drain : decision.drains()) {
      Owned machine = owned.get(drain.nodeId());
      if (machine == null || machine.draining) {
        continue;
      }
      machine.draining = true;
      signals.draining(drain.nodeId());
      LOG.info("draining node {}: {}", drain.nodeId(), drain.reason());
      link.call(rid -> new DrainNode(rid, drain.nodeId(), config.drainGrace().toMillis()),
          Ack.class).whenComplete((ack, error) -> {
            if (error != null) {
              LOG.warn("cannot drain node {}: {}", drain.nodeId(), error.getMessage());
              machine.draining = false;
            }
          });
    }
  }

  private void launch(int count) {
    try {
      for (Machine machine : provisioner.launch(count)) {
        owned.put(machine.nodeId(), new Owned(machine));
        LOG.info("launched machine {} ({}) for node {}", machine.id(), machine.description(),
            machine.nodeId());
      }
      failedLaunches = 0;
    } catch (ProvisioningException e) {
      failedLaunches++;
      long backoff = Math.min(MAX_LAUNCH_BACKOFF.toMillis(), 1000L << Math.min(failedLaunches, 6));
      launchAllowedFrom = clock.millis() + backoff;
      LOG.warn("cannot launch {} machines: {}; trying again in {} s at the earliest", count,
          e.getMessage(), backoff / 1000);
    } finally {
      launching.addAndGet(-count);
    }
  }

  private void terminate(Machine machine) {
    provisioning.execute(() -> {
      try {
        provisioner.terminate(machine);
      } catch (ProvisioningException e) {
        LOG.warn("cannot terminate machine {}: {}", machine.id(), e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    loop.shutdownNow();
    provisioning.shutdown();
    try {
      provisioning.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ReconnectingConnection current = link;
    if (current != null) {
      current.close();
    }
  }

  /** A machine this DFS owns, and what it knows of its node. */
  private static final class Owned {
    private final Machine machine;
    private volatile boolean registered;
    private volatile boolean draining;

    Owned(Machine machine) {
      this.machine = machine;
    }

    Machine machine() {
      return machine;
    }
  }
}
