package io.impetus.node.internal.spawn;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.node.internal.control.JobSlot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's workers, per stream, and the policy that starts them. When a stream has waiting jobs,
 * starts workers up to the least of the waiting jobs, the node's {@code mpps}, the stream's own
 * {@code mpps} and the node's free capacity, and, when the stream sets a {@code frequency}, one at
 * a time at least that far apart (checking the backlog again when the interval has passed).
 *
 * <p>Workers that cannot start (the JVM refuses the stream's {@code jvmoptions}, the queue cannot
 * be reached) are not started again and again: after a stream's worker exits with a non-zero
 * status between jobs, the next start of that stream waits {@link #FIRST_RETRY}, doubling with
 * each such exit in a row up to {@link #LONGEST_RETRY}; a worker that ends well or through a job
 * starts the count afresh.
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

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final WorkerLauncher launcher;
  private final int mpps;
  private final int capacity;
  private final BiConsumer<WorkerProcess, WorkerProcess.Ending> exits;
  private final Consumer<String> recheck;
  private final ScheduledExecutorService events;
  private final Map<String, Staff> streams = new HashMap<>();
  private final Set<String> rechecksPending = new HashSet<>();
  private final CompletableFuture<Void> emptied = new CompletableFuture<>();
  private boolean draining;
  private boolean closed;

  /**
   * A pool.
   *
   * @param mpps the most workers per stream
   * @param capacity the most workers in all
   * @param exits told of each worker that ends and how, so that the queue can release its
   *     leases and the stream's backlog can be checked again; not called once closed
   * @param recheck asked to look at a stream's backlog again (and call {@link #staff}) when a
   *     {@code frequency} pause has passed
   * @param events runs exit handling and delayed rechecks
   */
  public WorkerPool(WorkerLauncher launcher, int mpps, int capacity,
      BiConsumer<WorkerProcess, WorkerProcess.Ending> exits, Consumer<String> recheck,
      ScheduledExecutorService events) {
    this.launcher = launcher;
    this.mpps = mpps;
    this.capacity = capacity;
    this.exits = exits;
    this.recheck = recheck;
    this.events = events;
  }

  /** Starts the workers that the stream's backlog calls for. */
  public synchronized void staff(StreamBacklog backlog) {
    if (closed || draining || backlog.waiting() == 0) {
      return;
    }
    StreamProperties properties = StreamProperties.parse(backlog.properties());
    String stream = backlog.streamId();
    Staff staff = streams.computeIfAbsent(stream, s -> new Staff());
    staff.frequencyNanos = properties.frequency().toNanos();
    int live = staff.workers.size();
    int limit = Math.min(mpps, properties.mpps().orElse(mpps));
    int wanted = Math.min(limit, backlog.waiting() + live) - live;
    int starting = Math.min(wanted, capacity - total());
    if (starting <= 0) {
      forgetIfIdle(stream, staff);
      return;
    }
    if (staff.failures > 0) {
      long untilRetry = staff.retryAtNanos - System.nanoTime();
      if (untilRetry > 0) {
        recheckIn(stream, untilRetry);
        return;
      }
      starting = 1;
    }
    Duration frequency = properties.frequency();
    if (!frequency.isZero()) {
      long sinceLast = System.nanoTime() - staff.lastStartNanos;
      if (staff.started > 0 && sinceLast < frequency.toNanos()) {
        recheckIn(stream, frequency.toNanos() - sinceLast);
        return;
      }
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
      WorkerProcess worker = launcher.launch(stream, properties, ++staff.started);
      staff.workers.add(worker);
      staff.lastStartNanos = System.nanoTime();
      LOG.info("created worker {} {} {}", worker.number(), worker.pid(), stream);
      worker.ended().thenAcceptAsync(ending -> ended(worker, ending), events);
    }
  }

  private void recheckIn(String stream, long nanos) {
    if (rechecksPending.add(stream)) {
      events.schedule(() -> {
        synchronized (this) {
          rechecksPending.remove(stream);
        }
        recheck.accept(stream);
      }, nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void ended(WorkerProcess worker, WorkerProcess.Ending ending) {
    synchronized (this) {
      Staff staff = streams.get(worker.stream());
      if (staff == null || !staff.workers.remove(worker)) {
        return;
      }
      if (ending.jobId() != null) {
        LOG.warn("worker {} of stream {}: {}", worker.pid(), worker.stream(), ending.cause());
      } else if (ending.status() != 0 && !closed) {
        LOG.warn("worker {} of stream {} exited with status {}", worker.pid(), worker.stream(),
            ending.status());
      }
      countFailure(worker.stream(), staff, ending);
      if (staff.workers.isEmpty()) {
        LOG.info("stopped tracking stream {}", worker.stream());
      }
      forgetIfIdle(worker.stream(), staff);
      if (total() == 0 && (draining || closed)) {
        emptied.complete(null);
      }
      if (closed) {
        return;
      }
    }
    exits.accept(worker, ending);
  }

  /**
   * Counts a worker that exited with a non-zero status between jobs as a failure, which delays
   * its stream's next start; any other end clears the count, as does a job running (see
   * {@link #watch}).
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
   * Forgets a stream without workers, unless a frequency pause still needs its last start or
   * its failures still delay the next (see {@link Staff#forgettable}).
   */
  private void forgetIfIdle(String stream, Staff staff) {
    if (staff.forgettable(System.nanoTime()) && !rechecksPending.contains(stream)) {
      streams.remove(stream);
    }
  }

  /**
   * The watchdog's round: for each job past its time limit, takes its worker's thread dump
   * (waiting at most {@link #DUMP_TIMEOUT}), then kills the worker, blaming the job. A stream
   * whose worker runs a job has its failures forgotten.
   */
  public void watch() {
    long now = System.nanoTime();
    synchronized (this) {
      streams.entrySet().removeIf(entry -> entry.getValue().forgettable(now)
          && !rechecksPending.contains(entry.getKey()));
    }
    for (WorkerProcess worker : all()) {
      JobSlot.Running job = worker.running();
      if (job != null) {
        startedWell(worker.stream());
      }
      if (job != null && job.overdue(now) && worker.markOverdue(job)) {
        String cause = "the job ran past its time limit of " + seconds(job.timeLimitMillis())
            + "; the node took a thread dump of its worker (" + worker.pid() + ") and killed it";
        LOG.warn("job {} of stream {} ran past its time limit of {}; killing worker {}",
            job.jobId(), worker.stream(), seconds(job.timeLimitMillis()), worker.pid());
        worker.threadDump(DUMP_TIMEOUT).thenAccept(dump -> {
          if (job.equals(worker.running())) {
            worker.kill(cause, dump, true);
          }
        });
      }
    }
  }

  private synchronized void startedWell(String stream) {
    Staff staff = streams.get(stream);
    if (staff != null) {
      staff.startedWell();
    }
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }

  /**
   * Starts no more workers and asks each to finish its jobs and leave.
   *
   * @return completes when no worker is left
   */
  public CompletableFuture<Void> drain() {
    synchronized (this) {
      draining = true;
      if (total() == 0) {
        emptied.complete(null);
      }
    }
    all().forEach(WorkerProcess::drain);
    return emptied;
  }

  /** Kills every worker that is left, blaming no job: their jobs return to the queue. */
  public void killAll(String cause) {
    all().forEach(worker -> worker.kill(cause, "", false));
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

  /** How many workers are alive. */
  public synchronized int total() {
    return streams.values().stream().mapToInt(staff -> staff.workers.size()).sum();
  }

  /** How many workers a stream has. */
  public synchronized int workers(String stream) {
    Staff staff = streams.get(stream);
    return staff == null ? 0 : staff.workers.size();
  }

  private synchronized List<WorkerProcess> all() {
    List<WorkerProcess> all = new ArrayList<>();
    streams.values().forEach(staff -> all.addAll(staff.workers));
    return all;
  }

  /** Stops every worker (SIGTERM, then SIGKILL after 5 s) and starts no more. */
  public void close() {
    List<WorkerProcess> all;
    synchronized (this) {
      closed = true;
      all = all();
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

  /** One stream's workers on this node, and when the last one started. */
  private static final class Staff {
    private final Set<WorkerProcess> workers = new LinkedHashSet<>();
    private int started;
    private long lastStartNanos;
    private long frequencyNanos;
    private int failures;
    private long retryAtNanos;

    /**
     * No workers, no frequency pause that still needs the last start time, and no failures
     * that still delay the next start (or would, a minute after the last wait).
     */
    boolean forgettable(long nowNanos) {
      return workers.isEmpty()
          && (failures == 0 || nowNanos - retryAtNanos >= LONGEST_RETRY.toNanos())
          && (started == 0 || nowNanos - lastStartNanos >= frequencyNanos);
    }

    /** Clears the failures: a worker ended well or runs a job. */
    void startedWell() {
      failures = 0;
      retryAtNanos = 0;
    }
  }
}
