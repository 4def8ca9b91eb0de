package io.impetus.bench;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.dfs.Dfs;
import io.impetus.dfs.DfsConfig;
import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.dfs.provision.Machine;
import io.impetus.dfs.provision.local.LocalOptions;
import io.impetus.dfs.provision.local.LocalProvisioner;
import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceJob;
import io.impetus.local.LocalCluster;
import io.impetus.queue.LeaseOrder;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One replay of a trace on real processes: a queue in this JVM leasing in one {@link LeaseOrder},
 * the DFS with the local provisioner and the default policy starting and draining node JVMs, and
 * a {@link TraceClient} forking the trace's jobs. Time is compressed by {@code speed}: arrivals,
 * durations and the policy's windows are divided by it (JVM start-ups are not, so a node's start
 * counts {@code speed} times longer in trace time). The run ends when every node has left, or
 * 600 trace-seconds after the last job (nodes still up are charged until then, as in the
 * simulator). Figures are in trace time: node-seconds (sampled every 100 ms of wall time), the
 * bound (the jobs' summed durations over the slots per node), their ratio, waits, and how many
 * jobs were started more than once.
 *
 * @param trace the jobs, in trace time
 * @param order how the queue leases
 * @param speed how many times faster than the trace's time the replay runs
 * @param slots the workers of one node for the stream (its {@code -m} and the stream's
 *     {@code mpps})
 * @param maxNodes the most nodes the DFS runs
 * @param dir where the nodes' state and the task logs go
 */
record ElasticRun(Trace trace, LeaseOrder order, double speed, int slots, int maxNodes,
    Path dir) {

  private static final Duration SAMPLE = Duration.ofMillis(100);
  /** How much longer than its trace a replay may take before it is given up. */
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  /** How long after the last job the simulator waits for nodes to leave, in trace time. */
  private static final Duration TAIL = Duration.ofMinutes(10);

  /** Replays the trace and returns its figures, named as the JSON line has them. */
  Map<String, Object> run() throws IOException, InterruptedException {
    String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Trace replayed = new Trace(trace.name(), trace.jobs().stream().map(job -> new TraceJob(
        scaled(job.arrivalMillis()), Math.max(1, scaled(job.durationMillis())))).toList());
    List<TraceJob> jobs = replayed.jobs();
    NodeCount nodes;
    TraceClient client;
    long startNanos = System.nanoTime();
    try (QueueServer queue = QueueServer.start(QueueConfig.builder()
        .bind(new HostAndPort("127.0.0.1", 0)).authkey(Authkey.of(key)).leaseOrder(order)
        .build())) {
      LocalProvisioner provisioner = new LocalProvisioner(new LocalOptions(queue.address(),
          Authkey.of(key), slots, slots, LocalOptions.currentJava(),
          LocalCluster.workerClasspath(TraceClient.class), dir.resolve("nodes"), List.of()));
      nodes = new NodeCount(provisioner);
      try (Dfs dfs = Dfs.start(dfsConfig(queue.address(), Authkey.of(key)), provisioner,
          new DefaultPolicy(policy()))) {
        nodes.start();
        client = new TraceClient(queue.address().toString(), key,
            Files.createDirectories(dir.resolve("tasks")),
            Map.of(StreamProperties.MPPS, Integer.toString(slots)), jobs);
        runWithin(client, replayed.endMillis());
        nodes.awaitNone(scaled(TAIL.toMillis()));
      } finally {
        nodes.stop();
        provisioner.list().forEach(provisioner::terminate);
      }
    }
    String failure = client.failure();
    if (failure != null) {
      throw new IllegalStateException(trace.name() + " with " + order + " leases: " + failure);
    }
    double[] waits = client.waitsMillis();
    double bound = trace.workMillis() / 1000.0 / slots;
    double nodeSeconds = nodes.nodeMillis() * speed / 1000;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("trace", trace.name());
    figures.put("order", order.name().toLowerCase(Locale.ROOT));
    figures.put("jobs", jobs.size());
    figures.put("node_s", Figures.rounded(nodeSeconds));
    figures.put("bound_s", Figures.rounded(bound));
    figures.put("ratio", Figures.rounded(nodeSeconds / bound));
    figures.put("p50_wait_s", Figures.rounded(Figures.percentile(waits, 50) * speed / 1000));
    figures.put("p95_wait_s", Figures.rounded(Figures.percentile(waits, 95) * speed / 1000));
    figures.put("peak_nodes", nodes.peak());
    figures.put("starts", nodes.started());
    figures.put("interrupted", client.interrupted());
    figures.put("wall_s", Figures.rounded((System.nanoTime() - startNanos) / 1e9));
    return figures;
  }

  /**
   * Runs the client until every job is done, or fails once the trace's span and a generous
   * allowance for starting nodes (two minutes of wall time) have passed without that.
   */
  private static void runWithin(TraceClient client, long traceEndMillis)
      throws InterruptedException {
    long patience = traceEndMillis + PATIENCE.toMillis();
    try {
      CompletableFuture.runAsync(client::run).get(patience, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("not every job finished within " + patience / 1000
          + " s; the DFS's lines above tell what it started and drained", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the replay's client failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  private DfsConfig dfsConfig(HostAndPort queue, Authkey key) {
    Duration tick = Duration.ofMillis(Math.max(100, scaled(DfsConfig.DEFAULT_TICK.toMillis())));
    return new DfsConfig(queue, key, tick, Duration.ofSeconds(60), Duration.ofHours(1), slots,
        null);
  }

  /** The default policy's windows, compressed as the trace is. */
  private DefaultPolicyConfig policy() {
    DefaultPolicyConfig defaults = DefaultPolicyConfig.builder().build();
    return DefaultPolicyConfig.builder().maxNodes(maxNodes).slotsPerNode(slots)
        .drainTarget(scaled(defaults.drainTarget()))
        .defaultJobDuration(scaled(defaults.defaultJobDuration()))
        .scaleUpCooldown(scaled(defaults.scaleUpCooldown()))
        .scaleDownCooldown(scaled(defaults.scaleDownCooldown()))
        .idleTime(scaled(defaults.idleTime()))
        .build();
  }

  private long scaled(long traceMillis) {
    return Math.round(traceMillis / speed);
  }

  private Duration scaled(Duration traceTime) {
    return Duration.ofMillis(scaled(traceTime.toMillis()));
  }

  /** Samples the provisioner's node processes: their integral over time, the peak, the starts. */
  private static final class NodeCount {
    private final LocalProvisioner provisioner;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "elastic-node-count");
          thread.setDaemon(true);
          return thread;
        });
    private final Set<String> seen = new HashSet<>();
    private long lastNanos;
    private long nodeNanos;
    private int current;
    private int peak;

    NodeCount(LocalProvisioner provisioner) {
      this.provisioner = provisioner;
    }

    synchronized void start() {
      lastNanos = System.nanoTime();
      sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
      long now = System.nanoTime();
      nodeNanos += current * (now - lastNanos);
      lastNanos = now;
      List<Machine> machines = provisioner.list();
      current = machines.size();
      peak = Math.max(peak, current);
      machines.forEach(machine -> seen.add(machine.id()));
      notifyAll();
    }

    /** Waits until no node is up, or {@code most} ms have passed. */
    synchronized void awaitNone(long most) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(most);
      for (long left = most; current > 0 && left > 0;
          left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
        wait(left);
      }
    }

    /** Stops sampling, counting the nodes up to now. */
    void stop() throws InterruptedException {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
      synchronized (this) {
        long now = System.nanoTime();
        nodeNanos += current * (now - lastNanos);
        lastNanos = now;
      }
    }

    synchronized double nodeMillis() {
      return nodeNanos / 1e6;
    }

    synchronized int peak() {
      return peak;
    }

    synchronized int started() {
      return seen.size();
    }
  }
}
