package io.impetus.queue.internal.stream;

import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.StreamBacklog;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream: its jobs in a priority queue (lower priority value first, then FIFO),
 * delayed jobs held until their not-before time, leases with epochs, finished results kept until
 * the client acknowledges them, and a data store (key to bytes) shared by the client and its
 * jobs.
 *
 * <p>Thread-safe: every method holds the stream's lock. Links are called with the lock held and
 * must not block or call back. Time comes from the injected clock and scheduler.
 */
public final class Stream {

  private static final Logger LOG = LoggerFactory.getLogger(Stream.class);
  private static final int PUSH_BATCH = 1000;

  private static final Comparator<JobEntry> BY_PRIORITY =
      Comparator.<JobEntry>comparingInt(e -> e.spec.priority()).thenComparingLong(e -> e.seq);
  private static final Comparator<JobEntry> BY_NOT_BEFORE =
      Comparator.<JobEntry>comparingLong(e -> e.spec.notBeforeMillis())
          .thenComparingLong(e -> e.seq);

  private final String id;
  private final StreamProperties properties;
  private final Clock clock;
  private final Scheduler scheduler;

  private final Map<String, JobEntry> jobs = new HashMap<>();
  private final Map<String, byte[]> data = new HashMap<>();
  private final PriorityQueue<JobEntry> ready = new PriorityQueue<>(BY_PRIORITY);
  private final PriorityQueue<JobEntry> delayed = new PriorityQueue<>(BY_NOT_BEFORE);
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private final Map<WorkerLink, Set<JobEntry>> leases = new IdentityHashMap<>();
  private long nextSeq;
  private long nextEpoch;
  private int processing;
  private @Nullable ClientLink owner;
  private Scheduler.@Nullable Cancellable wakeup;
  private long wakeupAt = Long.MAX_VALUE;
  private boolean closed;

  /** A new, empty stream. */
  public Stream(String id, StreamProperties properties, Clock clock, Scheduler scheduler) {
    this.id = id;
    this.properties = properties;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** The stream's id, which is its client's id. */
  public String id() {
    return id;
  }

  /** The stream's properties. */
  public StreamProperties properties() {
    return properties;
  }

  /**
   * Adds jobs. A job whose id the stream already holds is ignored, so a client may safely resend
   * a batch it is unsure about.
   *
   * @return how many jobs were new
   */
  public synchronized int submit(List<JobSpec> specs) {
    checkOpen();
    int added = 0;
    for (JobSpec spec : specs) {
      if (jobs.containsKey(spec.id())) {
        continue;
      }
      JobEntry entry = new JobEntry(spec, nextSeq++);
      jobs.put(spec.id(), entry);
      enqueue(entry);
      added++;
    }
    serveWaiters();
    return added;
  }

  private void enqueue(JobEntry entry) {
    if (entry.spec.notBeforeMillis() > clock.millis()) {
      delayed.add(entry);
    } else {
      ready.add(entry);
    }
  }

  /**
   * Leases up to {@code max} jobs to a worker. Answers at once when jobs are due; otherwise holds
   * the request until jobs arrive or {@code waitMillis} passes, then answers with what there is.
   */
  public synchronized void lease(WorkerLink worker, long rid, int max, long waitMillis) {
    if (closed) {
      worker.sendFailure(rid, "stream " + id + " is closed");
      return;
    }
    promoteDue();
    if (!ready.isEmpty() || waitMillis <= 0) {
      worker.sendLeased(rid, take(worker, max));
      return;
    }
    Waiter waiter = new Waiter(worker, rid, Math.max(1, max));
    waiter.timeout = scheduler.schedule(() -> expire(waiter), waitMillis);
    waiters.add(waiter);
    scheduleWakeup();
  }

  private synchronized void expire(Waiter waiter) {
    if (waiters.remove(waiter)) {
      waiter.worker.sendLeased(waiter.rid, List.of());
    }
  }

  private void serveWaiters() {
    promoteDue();
    while (!waiters.isEmpty() && !ready.isEmpty()) {
      Waiter waiter = waiters.poll();
      waiter.timeout.cancel();
      waiter.worker.sendLeased(waiter.rid, take(waiter.worker, waiter.max));
    }
    scheduleWakeup();
  }

  private void promoteDue() {
    long now = clock.millis();
    while (!delayed.isEmpty() && delayed.peek().spec.notBeforeMillis() <= now) {
      ready.add(delayed.poll());
    }
  }

  /** Makes sure parked workers are woken when the earliest delayed job becomes due. */
  private void scheduleWakeup() {
    if (waiters.isEmpty() || delayed.isEmpty()) {
      return;
    }
    long due = delayed.peek().spec.notBeforeMillis();
    if (wakeup != null && wakeupAt <= due) {
      return;
    }
    if (wakeup != null) {
      wakeup.cancel();
    }
    wakeupAt = due;
    wakeup = scheduler.schedule(this::onWakeup, Math.max(0, due - clock.millis()));
  }

  private synchronized void onWakeup() {
    wakeup = null;
    wakeupAt = Long.MAX_VALUE;
    if (!closed) {
      serveWaiters();
    }
  }

  private List<LeasedJob> take(WorkerLink worker, int max) {
    List<LeasedJob> leased = new ArrayList<>(Math.min(max, ready.size()));
    Set<JobEntry> held = leases.computeIfAbsent(worker, w -> new LinkedHashSet<>());
    while (leased.size() < max && !ready.isEmpty()) {
      JobEntry entry = ready.poll();
      entry.moveTo(JobState.PROCESSING);
      entry.epoch = ++nextEpoch;
      entry.attempts++;
      entry.holder = worker;
      held.add(entry);
      processing++;
      JobSpec spec = entry.spec;
      leased.add(new LeasedJob(spec.id(), entry.epoch, entry.attempts, spec.name(),
          spec.className(), spec.codeHash(), spec.args()));
    }
    return leased;
  }

  /**
   * Records finished jobs and pushes them to the owner. An outcome for a job that is not leased
   * under the same epoch (the lease was lost and the job given to another worker, or it already
   * finished) is stale and discarded.
   *
   * @return how many outcomes were discarded as stale
   */
  public synchronized int complete(WorkerLink worker, List<JobOutcome> outcomes) {
    List<JobResult> finished = new ArrayList<>(outcomes.size());
    int stale = 0;
    for (JobOutcome outcome : outcomes) {
      JobEntry entry = jobs.get(outcome.id());
      if (entry == null || entry.state != JobState.PROCESSING || entry.epoch != outcome.epoch()) {
        stale++;
        LOG.info("discarded stale completion of job {} (epoch {}) from {}", outcome.id(),
            outcome.epoch(), worker.name());
        continue;
      }
      finished.add(finish(entry, outcome));
    }
    push(finished);
    return stale;
  }

  private JobResult finish(JobEntry entry, JobOutcome outcome) {
    Set<JobEntry> held = entry.holder == null ? null : leases.get(entry.holder);
    if (held != null) {
      held.remove(entry);
    }
    entry.moveTo(JobState.FINISHED);
    entry.holder = null;
    entry.outcome = outcome;
    processing--;
    return new JobResult(entry.spec, outcome, entry.attempts);
  }

  /**
   * A worker's connection is gone: every job it held returns to the queue, or, when it has used
   * up its attempts, finishes with a "worker lost" error.
   */
  public synchronized void release(WorkerLink worker) {
    waiters.removeIf(waiter -> {
      if (waiter.worker == worker) {
        waiter.timeout.cancel();
        return true;
      }
      return false;
    });
    Set<JobEntry> held = leases.remove(worker);
    if (held == null || held.isEmpty()) {
      return;
    }
    List<JobResult> lost = new ArrayList<>();
    long now = clock.millis();
    for (JobEntry entry : held) {
      if (entry.attempts >= properties.maxAttempts()) {
        String error = "worker lost after " + entry.attempts + " attempts";
        JobOutcome outcome = new JobOutcome(entry.spec.id(), entry.epoch, null,
            ErrorInfo.ofSystem(entry.spec.name(), error), now, now, "", worker.name());
        entry.holder = null;
        lost.add(finish(entry, outcome));
      } else {
        entry.moveTo(JobState.WAITING);
        entry.holder = null;
        processing--;
        enqueue(entry);
      }
    }
    LOG.info("worker {} lost {} leased jobs of stream {}", worker.name(), held.size(), id);
    push(lost);
    if (!closed) {
      serveWaiters();
    }
  }

  /** The client has recorded these results: forget the jobs. Unknown ids are ignored. */
  public synchronized void ack(List<String> jobIds) {
    for (String jobId : jobIds) {
      JobEntry entry = jobs.get(jobId);
      if (entry != null && entry.state == JobState.FINISHED) {
        jobs.remove(jobId);
      }
    }
  }

  /**
   * Makes {@code client} the owner and pushes every finished result it has not acknowledged.
   *
   * @return how many jobs of the stream are not acknowledged yet
   */
  public synchronized int attach(ClientLink client) {
    owner = client;
    List<JobResult> unacked = new ArrayList<>();
    for (JobEntry entry : jobs.values()) {
      if (entry.state == JobState.FINISHED) {
        unacked.add(new JobResult(entry.spec, entry.outcome, entry.attempts));
      }
    }
    push(unacked);
    return jobs.size();
  }

  /** The owner's connection is gone; results wait for it to come back. */
  public synchronized void detach(ClientLink client) {
    if (owner == client) {
      owner = null;
    }
  }

  private void push(List<JobResult> results) {
    ClientLink client = owner;
    if (client == null || results.isEmpty()) {
      return;
    }
    for (int from = 0; from < results.size(); from += PUSH_BATCH) {
      client.sendResults(id,
          List.copyOf(results.subList(from, Math.min(results.size(), from + PUSH_BATCH))));
    }
  }

  /** Stores a value in the stream's data store, replacing any value under the key. */
  public synchronized void put(String key, byte[] value) {
    checkOpen();
    data.put(key, value);
  }

  /** The value under the key in the stream's data store, or null. */
  public synchronized byte @Nullable [] get(String key) {
    return data.get(key);
  }

  /** Removes a key from the stream's data store; returns the value it had, or null. */
  public synchronized byte @Nullable [] remove(String key) {
    return data.remove(key);
  }

  /** How much work the stream has. */
  public synchronized StreamBacklog backlog() {
    return new StreamBacklog(id, ready.size() + delayed.size(), processing, properties.values());
  }

  /** Ids of the jobs the stream holds, by state, for tests and diagnostics. */
  synchronized Map<String, JobState> states() {
    Map<String, JobState> states = new LinkedHashMap<>();
    jobs.forEach((jobId, entry) -> states.put(jobId, entry.state));
    return states;
  }

  /** Deletes the stream's content; parked lease requests fail with "stream closed". */
  public synchronized void close() {
    closed = true;
    for (Waiter waiter : waiters) {
      waiter.timeout.cancel();
      waiter.worker.sendFailure(waiter.rid, "stream " + id + " is closed");
    }
    waiters.clear();
    if (wakeup != null) {
      wakeup.cancel();
    }
    jobs.clear();
    data.clear();
    ready.clear();
    delayed.clear();
    leases.clear();
    owner = null;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("stream " + id + " is closed");
    }
  }

  /** A parked lease request. */
  private static final class Waiter {
    final WorkerLink worker;
    final long rid;
    final int max;
    Scheduler.Cancellable timeout;

    Waiter(WorkerLink worker, long rid, int max) {
      this.worker = worker;
      this.rid = rid;
      this.max = max;
    }
  }
}
