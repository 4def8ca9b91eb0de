package io.impetus.node.internal.spawn;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.worker.JobSlot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's workers, per stream, its warm workers, and the policy that starts and retires them.
 *
 * <p>The pool knows every stream's backlog as the queue last told it ({@link #backlog} for one
 * stream, {@link #backlogs} for all of them, which the node asks for whenever a worker ends and
 * every {@link #REFRESH} while the node runs), so that a slot that frees goes to whichever stream
 * needs it. Its {@link SlotPlanner} shares the node's capacity among the streams that have work,
 * fairly by their {@code weight}: when they want no more than the node has, each gets what it
 * wants, up to the least of its waiting jobs, the node's {@code mpps} and the stream's own; when
 * they want more, a worker of a stream above its share is asked to retire once the jobs it holds
 * are done (never killed for it), and its slot goes to a stream below its share. A stream that
 * sets a {@code frequency} gets one start at a time, at least that far apart.
 *
 * <p><b>Warm workers.</b> The pool keeps {@code warm} worker JVMs started ahead of need, which
 * have run their job path on themselves and run no user code; a stream that needs a worker gets
 * one of them, so that its first job does not wait for a JVM to start, and the pool starts a new
 * one in its place. A warm worker serves the one stream it is handed, then leaves, as every
 * worker does. A stream whose {@code heap} or {@code jvmoptions} ask for JVM options of its own
 * gets a worker started for it. Warm workers do not count against the capacity.
 *
 * <p>Workers that cannot start (the JVM refuses the stream's {@code jvmoptions}, the queue cannot
 * be reached) are not started again and again: after a stream's worker exits with a non-zero
 * status between jobs, the next start of that stream waits {@link #FIRST_RETRY}, doubling with
 * each such exit in a row up to {@link #LONGEST_RETRY}; a worker that ends well or through a job
 * starts the count afresh. Warm workers that fail to start back off the same way.
 *
 * <p>It is also the workers' watchdog ({@link #watch}): a job that runs past its time limit gets
 * its worker's thread dump taken and its worker killed. Every worker's end is passed on with how
 * it ended, so that the queue takes back its leases at once and blames only the job at fault.
 * {@link #drain} asks every worker to finish and starts no more.
 *
 * <p>Thread-safe.
 */
public final class WorkerPool {

  /** How long a worker has to answer a thread dump request before it is killed regardless. */
  static final Duration DUMP_TIMEOUT = Duration.ofSeconds(2);

  /** How long the next start of a stream waits after one of its workers failed. */
  static final Duration FIRST_RETRY = Duration.ofMillis(500);
  /** The longest wait between starts of a stream whose workers keep failing. */
  static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

  /** How long a worker keeps its slot at least while other streams wait for one. */
  public static final Duration QUANTUM = Duration.ofSeconds(1);
  /** How often the node refreshes every stream's backlog from the queue. */
  public static final Duration REFRESH = Duration.ofMillis(500);
  /** How long a worker that has not started a job yet counts as starting. */
  static final Duration STARTING = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final WorkerLauncher launcher;
  private final int mpps;
  private final int capacity;
  private final int warmSize;
  private final BiConsumer<WorkerProcess, WorkerProcess.Ending> exits;
  private final ScheduledExecutorService events;
  private final SlotPlanner planner;
  private final Map<String, Staff> streams = new HashMap<>();
  private final Map<String, StreamBacklog> backlogs = new HashMap<>();
  private final Deque<WorkerProcess> warm = new ArrayDeque<>();
  private final Set<WorkerProcess> warming = new HashSet<>();
  private final Set<String> rechecksPending = new HashSet<>();
  private final CompletableFuture<Void> emptied = new CompletableFuture<>();
  private int warmFailures;
  private long warmRetryAtNanos;
  private boolean warmRecheckPending;
  private boolean draining;
  private boolean closed;

  /**
   * A pool.
   *
   * @param mpps the most workers per stream
   * @param capacity the most workers in all
   * @param warmSize how many warm workers to keep
   * @param exits told of each worker of a stream that ends and how, so that the queue can
   *     release its leases and the node can then refresh the backlogs ({@link #backlogs}), which
   *     gives the slot to whichever stream needs it; not called once closed
   * @param events runs exit handling and delayed rechecks
   */
  public WorkerPool(WorkerLauncher launcher, int mpps, int capacity, int warmSize,
      BiConsumer<WorkerProcess, WorkerProcess.Ending> exits, ScheduledExecutorService events) {
    this.launcher = launcher;
    this.mpps = mpps;
    this.capacity = capacity;
    this.warmSize = warmSize;
    this.exits = exits;
    this.events = events;
    this.planner = new SlotPlanner(capacity, QUANTUM.toNanos());
  }

  /** Starts the warm workers. */
  public synchronized void start() {
    refillWarm();
  }

  /** One stream's backlog changed (jobs were submitted to it): acts on it. */
  public synchronized void backlog(StreamBacklog backlog) {
    remember(backlog);
    rebalance();
  }

  /**
   * Every stream's backlog, as the queue has it now: a stream not listed has no waiting jobs.
   * Acts on them.
   */
  public synchronized void backlogs(List<StreamBacklog> all) {
    backlogs.clear();
    all.forEach(this::remember);
    rebalance();
  }

  private void remember(StreamBacklog backlog) {
    if (backlog.waiting() > 0) {
      backlogs.put(backlog.streamId(), backlog);
    } else {
      backlogs.remove(backlog.streamId());
    }
  }

  /** Plans the slots and starts and retires workers as the plan says. */
  private void rebalance() {
    if (closed || draining) {
      return;
    }
    long now = System.nanoTime();
    List<SlotPlanner.Demand> demands = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(streams.keySet());
    known.addAll(backlogs.keySet());
    int leaving = 0;
    for (String stream : known) {
      StreamBacklog backlog = backlogs.get(stream);
      Staff staff = streams.get(stream);
      if (staff == null && backlog == null) {
        continue;
      }
      StreamProperties properties;
      try {
        properties = backlog != null ? StreamProperties.parse(backlog.properties())
            : staff.properties;
      } catch (IllegalArgumentException e) {
        LOG.error("cannot start workers for stream {}: {}", stream, e.getMessage());
        continue;
      }
      if (staff == null) {
        staff = new Staff(properties);
        streams.put(stream, staff);
      }
      staff.properties = properties;
      leaving += staff.retiring.size();
      demands.add(new SlotPlanner.Demand(stream, properties.weight(),
          Math.min(mpps, properties.mpps().orElse(mpps)), staff.live(), staff.running(),
          staff.starting(now), backlog == null ? 0 : backlog.waiting(), staff.mayStart(now)));
    }
    SlotPlanner.Plan plan = planner.plan(demands, leaving, now);
    plan.retirements().forEach(this::retire);
    plan.starts().forEach(this::start);
    for (SlotPlanner.Demand demand : demands) {
      Staff staff = streams.get(demand.stream());
      if (!demand.mayStart() && demand.waiting() > 0 && demand.live() < demand.cap()) {
        recheckIn(demand.stream(), staff.nanosUntilStart(now));
      }
      forgetIfIdle(demand.stream(), staff);
    }
  }

  /** Asks {@code count} workers of the stream to leave once their jobs are done, idle first. */
  private void retire(String stream, int count) {
    Staff staff = streams.get(stream);
    List<WorkerProcess> live = new ArrayList<>(staff.workers);
    live.removeAll(staff.retiring);
    live.sort((one, other) -> Boolean.compare(one.running() != null, other.running() != null));
    for (WorkerProcess worker : live.subList(0, Math.min(count, live.size()))) {
      LOG.info("retiring worker {} of stream {}: its slot goes to another stream", worker.pid(),
          stream);
      staff.retiring.add(worker);
      worker.retire();
    }
  }

  /** Starts {@code count} workers for the stream (one with a {@code frequency}). */
  private void start(String stream, int count) {
    Staff staff = streams.get(stream);
    StreamProperties properties = staff.properties;
    int starting = count;
    if (staff.failures > 0) {
      starting = 1;
    }
    Duration frequency = properties.frequency();
    if (!frequency.isZero()) {
      if (starting > 1) {
        recheckIn(stream, frequency.toNanos());
      }
      starting = 1;
    }
    if (staff.workers.isEmpty()) {
      LOG.info("tracking stream {}", stream);
    }
    LOG.info("creating {} workers for {}", starting, stream);
    for (int i = 0; i < starting; i++) {
      WorkerProcess worker = properties.jvmOptions().isEmpty() ? takeWarm(stream, properties,
          staff.started + 1) : null;
      if (worker == null) {
        try {
          worker = launcher.launch(stream, properties, staff.started + 1);
        } catch (RuntimeException e) {
          LOG.error("cannot start workers for stream {}: {}", stream, e.getMessage());
          return;
        }
        WorkerProcess started = worker;
        worker.ended().thenAcceptAsync(ending -> ended(started, ending), events);
        LOG.info("created worker {} {} {}", worker.number(), worker.pid(), stream);
      } else {
        LOG.info("created worker {} {} {} (warm)", worker.number(), worker.pid(), stream);
      }
      staff.started++;
      staff.workers.add(worker);
      staff.lastStartNanos = System.nanoTime();
    }
    refillWarm();
  }

  /**
   * Hands a warm worker the stream, one that is ready first, else one still warming up; returns
   * null when none is left.
   */
  private @Nullable WorkerProcess takeWarm(String stream, StreamProperties properties,
      int number) {
    List<WorkerProcess> candidates = new ArrayList<>(warm);
    candidates.sort((one, other) -> Boolean.compare(other.isReady(), one.isReady()));
    for (WorkerProcess worker : candidates) {
      warm.remove(worker);
      if (worker.isAlive()
          && worker.assign(WorkerLauncher.assignment(stream, properties), number)) {
        warming.remove(worker);
        return worker;
      }
    }
    return null;
  }

  /**
   * Starts warm workers until {@code warmSize} of them can be handed out, unless their starts
   * keep failing; one that writes the class archive (it leaves once warm, and is not handed out)
   * does not count, so that a node's very first stream, a node the DFS just started say, gets a
   * warm worker too. Not while a stream's worker is still starting, so that a new stream's workers
   * get the processor first (the watchdog's round tries again).
   */
  private void refillWarm() {
    if (closed || draining || warm.size() >= warmSize) {
      return;
    }
    long now = System.nanoTime();
    if (streams.values().stream().anyMatch(staff -> staff.starting(now) > 0)) {
      return;
    }
    long wait = warmRetryAtNanos - System.nanoTime();
    if (warmFailures > 0 && wait > 0) {
      if (!warmRecheckPending) {
        warmRecheckPending = true;
        events.schedule(() -> {
          synchronized (this) {
            warmRecheckPending = false;
            refillWarm();
          }
        }, wait, TimeUnit.NANOSECONDS);
      }
      return;
    }
    int target = warmFailures > 0 ? warm.size() + 1 : warmSize;
    for (int launched = 0; warm.size() < target && launched <= warmSize; launched++) {
      WorkerLauncher.Started started;
      try {
        started = launcher.launchWarm();
      } catch (RuntimeException e) {
        LOG.error("cannot start a warm worker: {}", e.getMessage());
        return;
      }
      WorkerProcess worker = started.worker();
      if (!started.writesArchive()) {
        warm.add(worker);
      }
      warming.add(worker);
      worker.readiness().thenRunAsync(this::changed, events);
      worker.ended().thenAcceptAsync(ending -> ended(worker, ending), events);
    }
  }

  private void recheckIn(String stream, long nanos) {
    if (rechecksPending.add(stream)) {
      events.schedule(() -> {
        synchronized (this) {
          rechecksPending.remove(stream);
          rebalance();
        }
      }, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
  }

  private void ended(WorkerProcess worker, WorkerProcess.Ending ending) {
    synchronized (this) {
      notifyAll();
      if (warming.remove(worker)) {
        warm.remove(worker);
        warmEnded(worker, ending);
        if (total() == 0 && warming.isEmpty() && (draining || closed)) {
          emptied.complete(null);
        }
        return;
      }
      String stream = worker.stream();
      Staff staff = stream == null ? null : streams.get(stream);
      if (staff == null || !staff.workers.remove(worker)) {
        return;
      }
      staff.retiring.remove(worker);
      if (ending.jobId() != null) {
        LOG.warn("worker {} of stream {}: {}", worker.pid(), stream, ending.cause());
      } else if (ending.status() != 0 && !closed) {
        LOG.warn("worker {} of stream {} exited with status {}", worker.pid(), stream,
            ending.status());
      }
      countFailure(stream, staff, ending);
      if (staff.workers.isEmpty()) {
        LOG.info("stopped tracking stream {}", stream);
      }
      forgetIfIdle(stream, staff);
      if (total() == 0 && warming.isEmpty() && (draining || closed)) {
        emptied.complete(null);
      }
      if (closed) {
        return;
      }
    }
    exits.accept(worker, ending);
  }

  /** A warm worker ended before it got a stream: counts a failed start, starts another. */
  private void warmEnded(WorkerProcess worker, WorkerProcess.Ending ending) {
    if (closed || draining) {
      return;
    }
    if (ending.status() == 0) {
      warmFailures = 0;
    } else {
      warmFailures++;
      long wait = Math.min(LONGEST_RETRY.toNanos(),
          FIRST_RETRY.toNanos() << Math.min(warmFailures - 1, 20));
      warmRetryAtNanos = System.nanoTime() + wait;
      LOG.warn("warm worker {} exited with status {} ({} in a row): the next one starts in {};"
          + " its standard error says why", worker.pid(), ending.status(), warmFailures,
          seconds(TimeUnit.NANOSECONDS.toMillis(wait)));
    }
    refillWarm();
  }

  /**
   * Counts a worker that exited with a non-zero status between jobs as a failure, which delays
   * its stream's next start; any other end clears the count, as does a job running (see
   * {@link #watch}). A warm worker's first job clears the warm workers' count too.
   */
  private void countFailure(String stream, Staff staff, WorkerProcess.Ending ending) {
    if (ending.jobId() != null || ending.status() == 0 || draining || closed) {
      staff.startedWell();
      return;
    }
    staff.failures++;
    long wait = Math.min(LONGEST_RETRY.toNanos(),
        FIRST_RETRY.toNanos() << Math.min(staff.failures - 1, 20));
    staff.retryAtNanos = System.nanoTime() + wait;
    LOG.warn("workers of stream {} fail ({} in a row): the next one starts in {}; their standard"
        + " error says why", stream, staff.failures, seconds(TimeUnit.NANOSECONDS.toMillis(wait)));
  }

  /**
   * Forgets a stream without workers or waiting jobs, unless a frequency pause still needs its
   * last start or its failures still delay the next (see {@link Staff#forgettable}).
   */
  private void forgetIfIdle(String stream, Staff staff) {
    if (staff.forgettable(System.nanoTime()) && !rechecksPending.contains(stream)
        && !backlogs.containsKey(stream)) {
      streams.remove(stream);
    }
  }

  /**
   * The watchdog's round: for each job past its time limit, takes its worker's thread dump
   * (waiting at most {@link #DUMP_TIMEOUT}), then kills the worker, blaming the job. A stream
   * whose worker runs a job has its failures forgotten. Starts the warm workers that are missing
   * once no stream's worker is starting.
   */
  public void watch() {
    long now = System.nanoTime();
    synchronized (this) {
      streams.entrySet().removeIf(entry -> entry.getValue().forgettable(now)
          && !rechecksPending.contains(entry.getKey()) && !backlogs.containsKey(entry.getKey()));
      refillWarm();
    }
    for (WorkerProcess worker : all()) {
      JobSlot.Running job = worker.running();
      String stream = worker.stream();
      if (job != null && stream != null) {
        startedWell(stream);
      }
      if (job != null && job.overdue(now) && worker.markOverdue(job)) {
        String cause = "the job ran past its time limit of " + seconds(job.timeLimitMillis())
            + "; the node took a thread dump of its worker (" + worker.pid() + ") and killed it";
        LOG.warn("job {} of stream {} ran past its time limit of {}; killing worker {}",
            job.jobId(), stream, seconds(job.timeLimitMillis()), worker.pid());
        worker.threadDump(DUMP_TIMEOUT).thenAccept(dump -> {
          if (job.equals(worker.running())) {
            worker.kill(cause, dump, true);
          }
        });
      }
    }
  }

  private synchronized void startedWell(String stream) {
    warmFailures = 0;
    Staff staff = streams.get(stream);
    if (staff != null) {
      staff.startedWell();
    }
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }

  /**
   * Starts no more workers, asks each to finish its jobs and leave, and lets the warm workers
   * go.
   *
   * @return completes when no worker is left
   */
  public CompletableFuture<Void> drain() {
    List<WorkerProcess> idle;
    synchronized (this) {
      draining = true;
      idle = List.copyOf(warming);
      if (total() == 0 && warming.isEmpty()) {
        emptied.complete(null);
      }
    }
    idle.forEach(WorkerProcess::drain);
    all().forEach(WorkerProcess::drain);
    return emptied;
  }

  /** Kills every worker that is left, blaming no job: their jobs return to the queue. */
  public void killAll(String cause) {
    all().forEach(worker -> worker.kill(cause, "", false));
    List<WorkerProcess> idle;
    synchronized (this) {
      idle = List.copyOf(warming);
    }
    idle.forEach(worker -> worker.kill(cause, "", false));
  }

  /** Whether the pool is draining. */
  public synchronized boolean draining() {
    return draining;
  }

  /** What the node's heartbeat reports. */
  public synchronized NodeLoad load() {
    Map<String, Integer> workers = new HashMap<>();
    int running = 0;
    for (Map.Entry<String, Staff> entry : streams.entrySet()) {
      if (!entry.getValue().workers.isEmpty()) {
        workers.put(entry.getKey(), entry.getValue().workers.size());
      }
      for (WorkerProcess worker : entry.getValue().workers) {
        running += worker.running() == null ? 0 : 1;
      }
    }
    return new NodeLoad(workers, running,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), draining);
  }

  /** How many workers serve streams (warm workers not counted). */
  public synchronized int total() {
    return streams.values().stream().mapToInt(staff -> staff.workers.size()).sum();
  }

  /** How many workers a stream has. */
  public synchronized int workers(String stream) {
    Staff staff = streams.get(stream);
    return staff == null ? 0 : staff.workers.size();
  }

  /** Wakes the threads waiting in {@link #awaitNoWorkers} or {@link #awaitReadyWarmWorker}. */
  private synchronized void changed() {
    notifyAll();
  }

  /**
   * Waits until no worker serves a stream (warm workers aside), at most {@code timeout}.
   *
   * @return whether none is left
   */
  public synchronized boolean awaitNoWorkers(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (total() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Waits until a warm worker is ready for a stream, at most {@code timeout}.
   *
   * @return whether one is
   */
  public synchronized boolean awaitReadyWarmWorker(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (readyWarmPids().isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** The process ids of the warm workers that are ready and wait for a stream. */
  public synchronized List<Long> readyWarmPids() {
    return warm.stream().filter(WorkerProcess::isReady).map(WorkerProcess::pid).toList();
  }

  private synchronized List<WorkerProcess> all() {
    List<WorkerProcess> all = new ArrayList<>();
    streams.values().forEach(staff -> all.addAll(staff.workers));
    return all;
  }

  /** Stops every worker, warm ones included (SIGTERM, then SIGKILL after 5 s). */
  public void close() {
    List<WorkerProcess> all;
    synchronized (this) {
      closed = true;
      all = all();
      all.addAll(warming);
    }
    all.forEach(WorkerProcess::terminate);
    for (WorkerProcess worker : all) {
      try {
        worker.ended().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        worker.kill("the node closed", "", false);
      } catch (ExecutionException | TimeoutException e) {
        worker.kill("the node closed", "", false);
      }
    }
    launcher.close();
  }

  /** One stream's workers on this node, those retiring among them, and their starts. */
  private static final class Staff {
    private final Set<WorkerProcess> workers = new LinkedHashSet<>();
    private final Set<WorkerProcess> retiring = new HashSet<>();
    private StreamProperties properties;
    private int started;
    private long lastStartNanos;
    private int failures;
    private long retryAtNanos;

    Staff(StreamProperties properties) {
      this.properties = properties;
    }

    /** Workers that are not retiring. */
    int live() {
      return workers.size() - retiring.size();
    }

    /** Workers, not retiring, that run a job now. */
    int running() {
      int running = 0;
      for (WorkerProcess worker : workers) {
        if (!retiring.contains(worker) && worker.running() != null) {
          running++;
        }
      }
      return running;
    }

    /** Workers, not retiring, that have not run a job yet and started less than a while ago. */
    int starting(long nowNanos) {
      int starting = 0;
      for (WorkerProcess worker : workers) {
        if (!retiring.contains(worker) && worker.jobsStarted() == 0
            && nowNanos - worker.assignedNanos() < STARTING.toNanos()) {
          starting++;
        }
      }
      return starting;
    }

    /** Whether a worker may start now: no failure back-off, no frequency pause. */
    boolean mayStart(long nowNanos) {
      return nanosUntilStart(nowNanos) <= 0;
    }

    /** How long until a worker may start. */
    long nanosUntilStart(long nowNanos) {
      long wait = failures > 0 ? retryAtNanos - nowNanos : 0;
      long frequency = properties.frequency().toNanos();
      if (frequency > 0 && started > 0) {
        wait = Math.max(wait, lastStartNanos + frequency - nowNanos);
      }
      return wait;
    }

    /**
     * No workers, no frequency pause that still needs the last start time, and no failures
     * that still delay the next start (or would, a minute after the last wait).
     */
    boolean forgettable(long nowNanos) {
      return workers.isEmpty()
          && (failures == 0 || nowNanos - retryAtNanos >= LONGEST_RETRY.toNanos())
          && (started == 0 || nowNanos - lastStartNanos >= properties.frequency().toNanos());
    }

    /** Clears the failures: a worker ended well or runs a job. */
    void startedWell() {
      failures = 0;
      retryAtNanos = 0;
    }
  }
}
