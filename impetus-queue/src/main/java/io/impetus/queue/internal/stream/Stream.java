package io.impetus.queue.internal.stream;

import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.Batches;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.StreamStats;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.queue.internal.journal.JournalRecord;
import io.impetus.queue.internal.journal.JournalRecord.DataDeleted;
import io.impetus.queue.internal.journal.JournalRecord.DataPut;
import io.impetus.queue.internal.journal.JournalRecord.JobImage;
import io.impetus.queue.internal.journal.JournalRecord.JobsFinished;
import io.impetus.queue.internal.journal.JournalRecord.JobsReturned;
import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import io.impetus.queue.internal.journal.JournalRecord.ResultsAcked;
import io.impetus.queue.internal.journal.JournalRecord.StreamClosed;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import io.impetus.queue.internal.journal.StateImage.StreamImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream, a locked façade over its parts: the jobs that wait ({@link WaitingJobs}:
 * due by priority, lower value first, then FIFO; delayed until their not-before time), the lease
 * requests parked until a job is due ({@link ParkedLeases}), leases with epochs, finished results
 * kept until the client acknowledges them, and a data store (key to bytes) shared by the client
 * and its jobs.
 *
 * <p>Each lease counts an attempt. A lease taken back because it expired or its worker was lost
 * without a word from its node keeps its attempt counted; when the node reports how its worker
 * ended, only the job it was running, and only when that job was at fault, keeps its attempt,
 * and the other jobs' attempts are given back. A job that loses its lease after its last counted
 * attempt (its own limit, else the stream's {@code maxattempts}) ends as an error. Each job's
 * outcome is recorded once: the first one that is not stale. A job's own time limit likewise
 * overrides the stream's {@code timelimit}.
 *
 * <p>Every change is appended to the journal while the stream's lock is held, so the journal has
 * the stream's changes in the order they happened. Methods that change the stream return the
 * journal's future: the caller acknowledges the change only when it completes. A finished job's
 * result reaches the client only once its completion is in the journal.
 *
 * <p>Thread-safe: every method holds the stream's lock. Links are called with the lock held and
 * must not block or call back.
 */
public final class Stream {

  private static final Logger LOG = LoggerFactory.getLogger(Stream.class);
  private static final int PUSH_BATCH = 1000;
  /** The error type of a job whose worker ended through the job's fault on its last attempt. */
  static final String WORKER_LOST = "io.impetus.WorkerLost";

  private final String id;
  private final StreamProperties properties;
  private final StreamContext context;

  private final Map<String, JobEntry> jobs = new HashMap<>();
  private final Map<String, byte[]> data = new HashMap<>();
  private final WaitingJobs waiting = new WaitingJobs();
  private final ParkedLeases parked = new ParkedLeases();
  private final Map<WorkerLink, Set<JobEntry>> leases = new IdentityHashMap<>();
  /** One copy of the strings every job repeats (method, class, code hash, callback). */
  private final Map<String, String> shared = new HashMap<>();
  private CompletableFuture<Void> lastAppend = CompletableFuture.completedFuture(null);
  private long nextSeq;
  private long nextEpoch;
  private int processing;
  private int peakUnfinished;
  private long submittedTotal;
  private long finishedTotal;
  private long runMillisTotal;
  private @Nullable ClientLink owner;
  private long detachedSinceMillis;
  private Scheduler.@Nullable Cancellable wakeup;
  private long wakeupAt = Long.MAX_VALUE;
  private boolean closed;

  private Stream(String id, StreamProperties properties, StreamContext context) {
    this.id = id;
    this.properties = properties;
    this.context = context;
    this.nextEpoch = context.firstEpoch();
    this.detachedSinceMillis = context.clock().millis();
  }

  /**
   * A new, empty stream, recorded in the journal.
   *
   * @throws IllegalArgumentException when a known property is invalid
   */
  public static Stream create(String id, Map<String, String> properties, StreamContext context) {
    Stream stream = new Stream(id, StreamProperties.parse(properties), context);
    synchronized (stream) {
      stream.lastAppend = context.journal().append(new StreamCreated(id, properties));
    }
    return stream;
  }

  /**
   * A stream as the journal rebuilt it: jobs that were being processed are waiting again, their
   * interrupted attempt uncounted, and none counts as leased since this start (epoch 0, below
   * {@link StreamContext#firstEpoch()}), so that a late completion from before the restart can
   * still finish it (see {@link #complete}). The journal does not say whether a waiting job's
   * latest attempt was counted; a late completion counts it as if it was not.
   */
  public static Stream restore(StreamImage image, StreamContext context) {
    Stream stream = new Stream(image.id(), StreamProperties.parse(image.properties()), context);
    synchronized (stream) {
      for (JobImage job : image.jobs()) {
        JobEntry entry = new JobEntry(stream.compact(job.spec()), job.seq(),
            job.notBeforeMillis());
        entry.attempts = job.attempts();
        stream.nextSeq = Math.max(stream.nextSeq, job.seq() + 1);
        stream.jobs.put(job.spec().id(), entry);
        if (job.outcome() != null) {
          entry.moveTo(JobState.PROCESSING);
          entry.moveTo(JobState.FINISHED);
          entry.outcome = job.outcome();
          entry.published = true;
        } else {
          entry.epoch = 0;
          entry.uncounted = true;
          stream.enqueue(entry);
        }
      }
      stream.data.putAll(image.data());
      stream.peakUnfinished = stream.unfinished();
    }
    return stream;
  }

  /** The stream's id, which is its client's id. */
  public String id() {
    return id;
  }

  /** The stream's properties. */
  public StreamProperties properties() {
    return properties;
  }

  /** Completes when everything the stream has recorded so far is durable. */
  public synchronized CompletableFuture<Void> durable() {
    return lastAppend;
  }

  private CompletableFuture<Void> record(JournalRecord change) {
    lastAppend = context.journal().append(change);
    return lastAppend;
  }

  /**
   * Adds jobs. A job whose id the stream already holds is ignored, so a client may safely resend
   * a batch it is unsure about. A job's delay counts from now.
   *
   * @return completes when the jobs are durable
   */
  public synchronized CompletableFuture<Void> submit(List<JobSpec> specs) {
    checkOpen();
    long now = context.clock().millis();
    List<JobSpec> added = new ArrayList<>(specs.size());
    for (JobSpec spec : specs) {
      if (jobs.containsKey(spec.id())) {
        continue;
      }
      JobEntry entry = new JobEntry(compact(spec), nextSeq++, now + spec.delayMillis());
      entry.epoch = context.firstEpoch();
      jobs.put(spec.id(), entry);
      enqueue(entry);
      added.add(spec);
    }
    peakUnfinished = Math.max(peakUnfinished, unfinished());
    submittedTotal += added.size();
    CompletableFuture<Void> durable =
        added.isEmpty() ? lastAppend : record(new JobsSubmitted(id, added, now));
    serveWaiters();
    return durable;
  }

  /** The spec with the strings that jobs repeat shared, so that a waiting job costs less. */
  private JobSpec compact(JobSpec spec) {
    return new JobSpec(spec.id(), share(spec.name()), share(spec.className()),
        share(spec.codeHash()), spec.args(), spec.priority(), spec.delayMillis(),
        share(spec.callback()), spec.createdMillis(), spec.limits(), spec.extra());
  }

  private String share(String value) {
    String known = shared.putIfAbsent(value, value);
    return known == null ? value : known;
  }

  private int unfinished() {
    return waiting.size() + processing;
  }

  private void enqueue(JobEntry entry) {
    waiting.add(entry, context.clock().millis());
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
    if (waiting.anyReady() || waitMillis <= 0) {
      worker.sendLeased(rid, take(worker, max));
      return;
    }
    ParkedLeases.Request request = new ParkedLeases.Request(worker, rid, Math.max(1, max));
    request.timeout = context.scheduler().schedule(() -> expire(request), waitMillis);
    parked.add(request);
    scheduleWakeup();
  }

  private synchronized void expire(ParkedLeases.Request request) {
    if (parked.remove(request)) {
      request.worker.sendLeased(request.rid, List.of());
    }
  }

  private void serveWaiters() {
    promoteDue();
    while (!parked.isEmpty() && waiting.anyReady()) {
      ParkedLeases.Request request = parked.next(context.leaseOrder(), this::countLeasesByNode);
      request.worker.sendLeased(request.rid, take(request.worker, request.max));
    }
    scheduleWakeup();
  }

  private void promoteDue() {
    waiting.promoteDue(context.clock().millis());
  }

  /** Makes sure parked workers are woken when the earliest delayed job becomes due. */
  private void scheduleWakeup() {
    long due = waiting.nextDueMillis();
    if (parked.isEmpty() || due == Long.MAX_VALUE) {
      return;
    }
    if (wakeup != null && wakeupAt <= due) {
      return;
    }
    if (wakeup != null) {
      wakeup.cancel();
    }
    wakeupAt = due;
    wakeup = context.scheduler().schedule(this::onWakeup,
        Math.max(0, due - context.clock().millis()));
  }

  private synchronized void onWakeup() {
    wakeup = null;
    wakeupAt = Long.MAX_VALUE;
    if (!closed) {
      serveWaiters();
    }
  }

  private List<LeasedJob> take(WorkerLink worker, int max) {
    List<LeasedJob> leased = new ArrayList<>(Math.min(max, waiting.readyCount()));
    Set<JobEntry> held = leases.computeIfAbsent(worker, w -> new LinkedHashSet<>());
    long bytes = 0;
    while (leased.size() < max && bytes < Batches.TARGET_BYTES && waiting.anyReady()) {
      JobEntry entry = waiting.takeReady();
      entry.moveTo(JobState.PROCESSING);
      entry.epoch = ++nextEpoch;
      entry.attempts++;
      entry.uncounted = false;
      entry.holder = worker;
      held.add(entry);
      processing++;
      JobSpec spec = entry.spec;
      leased.add(new LeasedJob(spec.id(), entry.epoch, entry.attempts, spec.name(),
          spec.className(), spec.codeHash(), spec.args(), timeLimitMillis(spec)));
      bytes += Batches.size(spec);
    }
    return leased;
  }

  /** The job's own time limit, else the stream's, else 0 for none. */
  private long timeLimitMillis(JobSpec spec) {
    return spec.limits().hasTimeLimit() ? spec.limits().timeLimitMillis()
        : properties.timeLimit().map(Duration::toMillis).orElse(0L);
  }

  /** The job's own attempt limit, else the stream's. */
  private int maxAttempts(JobSpec spec) {
    return spec.limits().hasMaxAttempts() ? spec.limits().maxAttempts()
        : properties.maxAttempts();
  }

  /**
   * Records finished jobs; their results go to the owner once durable. An outcome is recorded
   * when its job is leased under the outcome's epoch, or when it arrives late: its job is waiting
   * again, and either was not leased since that lease was taken back (same epoch), or was not
   * leased since the queue restarted and the outcome's lease is from before the restart (a
   * worker that lost its connection resends what it finished). A late outcome takes the job out
   * of the waiting queue and counts the attempt if it had been given back uncounted. Any other
   * outcome (the job was leased again, or has finished) is stale and discarded, so that each job
   * is recorded once.
   *
   * @return completes when the outcomes that were not stale are durable
   */
  public synchronized CompletableFuture<Void> complete(WorkerLink worker,
      List<JobOutcome> outcomes) {
    List<JobEntry> finished = new ArrayList<>(outcomes.size());
    for (JobOutcome outcome : outcomes) {
      JobEntry entry = jobs.get(outcome.id());
      if (entry != null && entry.state == JobState.PROCESSING
          && entry.epoch == outcome.epoch()) {
        finish(entry, outcome);
      } else if (entry != null && isLate(entry, outcome)) {
        finishLate(entry, outcome);
        LOG.info("recorded the late completion of job {} (epoch {}) from {}", outcome.id(),
            outcome.epoch(), worker.name());
      } else {
        LOG.info("discarded stale completion of job {} (epoch {}) from {}", outcome.id(),
            outcome.epoch(), worker.name());
        continue;
      }
      finished.add(entry);
    }
    return finishDurably(finished);
  }

  /**
   * Whether the outcome is that of a waiting job's latest lease, taken back since: a lease of
   * this start under the same epoch, or a lease of an earlier start when the job was restored
   * from the journal and not leased since.
   */
  private boolean isLate(JobEntry entry, JobOutcome outcome) {
    if (entry.state != JobState.WAITING) {
      return false;
    }
    long first = context.firstEpoch();
    if (entry.epoch > first) {
      return entry.epoch == outcome.epoch();
    }
    return entry.epoch < first && outcome.epoch() > 0 && outcome.epoch() < first;
  }

  private void finishLate(JobEntry entry, JobOutcome outcome) {
    waiting.remove(entry);
    if (entry.uncounted) {
      entry.attempts++;
      entry.uncounted = false;
    }
    entry.moveTo(JobState.FINISHED);
    entry.outcome = outcome;
  }

  private void finish(JobEntry entry, JobOutcome outcome) {
    Set<JobEntry> held = entry.holder == null ? null : leases.get(entry.holder);
    if (held != null) {
      held.remove(entry);
    }
    entry.moveTo(JobState.FINISHED);
    entry.holder = null;
    entry.outcome = outcome;
    processing--;
  }

  /** Journals finished jobs and publishes them to the owner once the journal has them. */
  private CompletableFuture<Void> finishDurably(List<JobEntry> finished) {
    if (finished.isEmpty()) {
      return lastAppend;
    }
    List<JobOutcome> outcomes = new ArrayList<>(finished.size());
    List<Integer> attempts = new ArrayList<>(finished.size());
    for (JobEntry entry : finished) {
      outcomes.add(entry.outcome);
      attempts.add(entry.attempts);
      runMillisTotal += Math.max(0,
          entry.outcome.finishedMillis() - entry.outcome.startedMillis());
    }
    finishedTotal += finished.size();
    CompletableFuture<Void> durable = record(new JobsFinished(id, outcomes, attempts));
    durable.thenRun(() -> publish(finished));
    return durable;
  }

  private synchronized void publish(List<JobEntry> finished) {
    List<JobResult> results = new ArrayList<>(finished.size());
    for (JobEntry entry : finished) {
      if (entry.state == JobState.FINISHED && !entry.published) {
        entry.published = true;
        results.add(new JobResult(entry.spec, entry.outcome, entry.attempts));
      }
    }
    push(results);
  }

  /**
   * A worker is gone without a report from its node: it stops waiting for jobs, and every job it
   * held returns to the queue, its attempt counted, or, when it has used up its attempts,
   * finishes with a "worker lost after N attempts" error.
   */
  public synchronized void release(WorkerLink worker) {
    dropWaiters(worker);
    takeBack(worker, "worker " + worker.name() + " lost", null);
  }

  /**
   * A worker's node reported that it ended: it stops waiting for jobs, and every job it held
   * returns to the queue. Only the job it was running ({@link WorkerExited#jobId()}), and only
   * when {@link WorkerExited#jobAtFault()}, keeps its attempt counted; after its last attempt it
   * finishes with an {@code io.impetus.WorkerLost} error made of the report's cause and detail.
   * Every other job's attempt is given back uncounted. Both are journaled, so recovery rebuilds
   * the same attempts.
   */
  public synchronized void release(WorkerLink worker, WorkerExited report) {
    dropWaiters(worker);
    takeBack(worker, "worker " + worker.name() + " ended (" + report.cause() + ")", report);
  }

  /** A worker's connection closed: its parked lease requests are dropped unanswered. */
  public synchronized void dropWaiters(WorkerLink worker) {
    parked.drop(worker);
  }

  /**
   * Takes back every job the worker holds, as {@link #release(WorkerLink)} does, but lets a
   * worker that is still connected go on asking for jobs: its lease expired.
   */
  public synchronized void revoke(WorkerLink worker, String reason) {
    takeBack(worker, reason, null);
  }

  /**
   * Returns the worker's jobs to the queue. Without a report every attempt counts; with one,
   * only the blamed job's does.
   */
  private void takeBack(WorkerLink worker, String reason, @Nullable WorkerExited report) {
    Set<JobEntry> held = leases.remove(worker);
    if (held == null || held.isEmpty()) {
      return;
    }
    List<JobEntry> lost = new ArrayList<>();
    List<String> returned = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    long now = context.clock().millis();
    for (JobEntry entry : held) {
      boolean counted = report == null
          || (report.jobAtFault() && entry.spec.id().equals(report.jobId()));
      if (counted && entry.attempts >= maxAttempts(entry.spec)) {
        ErrorInfo error = report == null
            ? ErrorInfo.ofSystem(entry.spec.name(),
                "worker lost after " + entry.attempts + " attempts")
            : workerLost(entry, report);
        finish(entry, new JobOutcome(entry.spec.id(), entry.epoch, null, error, now, now,
            report == null ? "" : worker.nodeId(), worker.name()));
        lost.add(entry);
        continue;
      }
      if (!counted) {
        entry.attempts--;
        entry.uncounted = true;
      }
      entry.moveTo(JobState.WAITING);
      entry.holder = null;
      processing--;
      enqueue(entry);
      returned.add(entry.spec.id());
      attempts.add(entry.attempts);
    }
    LOG.info("{}: {} leased jobs of stream {} taken back", reason, held.size(), id);
    if (!returned.isEmpty()) {
      record(new JobsReturned(id, returned, attempts));
    }
    finishDurably(lost);
    if (!closed) {
      serveWaiters();
    }
  }

  /** The error of a job whose worker ended through its fault on its last attempt. */
  private ErrorInfo workerLost(JobEntry entry, WorkerExited report) {
    String error = report.cause() + " (attempt " + entry.attempts + " of "
        + maxAttempts(entry.spec) + ")";
    return new ErrorInfo(error, entry.spec.name(), -1, "", WORKER_LOST, report.detail());
  }

  /**
   * The client has recorded these results: forget the jobs. Unknown ids are ignored.
   *
   * @return completes when the acknowledgement is durable
   */
  public synchronized CompletableFuture<Void> ack(List<String> jobIds) {
    List<String> forgotten = new ArrayList<>(jobIds.size());
    for (String jobId : jobIds) {
      JobEntry entry = jobs.get(jobId);
      if (entry != null && entry.state == JobState.FINISHED) {
        jobs.remove(jobId);
        forgotten.add(jobId);
      }
    }
    return forgotten.isEmpty() ? lastAppend : record(new ResultsAcked(id, forgotten));
  }

  /**
   * Makes {@code client} the owner and pushes every durable result it has not acknowledged.
   *
   * @return the ids of the stream's jobs that are not acknowledged yet
   */
  public synchronized List<String> attach(ClientLink client) {
    owner = client;
    List<JobResult> unacked = new ArrayList<>();
    for (JobEntry entry : jobs.values()) {
      if (entry.state == JobState.FINISHED && entry.published) {
        unacked.add(new JobResult(entry.spec, entry.outcome, entry.attempts));
      }
    }
    push(unacked);
    return List.copyOf(jobs.keySet());
  }

  /** The owner's connection is gone; results wait for it to come back. */
  public synchronized void detach(ClientLink client) {
    if (owner == client) {
      owner = null;
      detachedSinceMillis = context.clock().millis();
    }
  }

  /** Since when the stream has had no client (epoch milliseconds), or empty when it has one. */
  public synchronized OptionalLong orphanedSince() {
    return owner == null ? OptionalLong.of(detachedSinceMillis)
        : OptionalLong.empty();
  }

  private void push(List<JobResult> results) {
    ClientLink client = owner;
    if (client == null || results.isEmpty()) {
      return;
    }
    for (List<JobResult> batch : Batches.split(results, PUSH_BATCH, Batches::size)) {
      client.sendResults(id, batch);
    }
  }

  /**
   * Stores a value in the stream's data store, replacing any value under the key.
   *
   * @return completes when the value is durable
   */
  public synchronized CompletableFuture<Void> put(String key, byte[] value) {
    checkOpen();
    data.put(key, value);
    return record(new DataPut(id, key, value));
  }

  /** The value under the key in the stream's data store, or null. */
  public synchronized byte @Nullable [] get(String key) {
    return data.get(key);
  }

  /**
   * Removes a key from the stream's data store.
   *
   * @return the value it had, or null; and when the removal is durable
   */
  public synchronized Removed remove(String key) {
    byte[] removed = data.remove(key);
    return new Removed(removed, removed == null ? lastAppend : record(new DataDeleted(id, key)));
  }

  /** Adds the jobs of this stream leased to each node's workers to {@code leased}, by node id. */
  public synchronized void countLeasesByNode(Map<String, Integer> leased) {
    leases.forEach((worker, held) -> {
      if (!held.isEmpty()) {
        leased.merge(worker.nodeId(), held.size(), Integer::sum);
      }
    });
  }

  /** How much work the stream has. */
  public synchronized StreamBacklog backlog() {
    return new StreamBacklog(id, waiting.size(), processing, properties.values());
  }

  /** What the stream holds now and has done since the queue started, for the DFS. */
  public synchronized StreamStats stats() {
    return new StreamStats(id, waiting.readyCount(), waiting.delayedCount(), processing,
        submittedTotal, finishedTotal, runMillisTotal, properties.values());
  }

  /** The most jobs that have been waiting or processing at once since the stream was opened. */
  public synchronized int peakUnfinished() {
    return peakUnfinished;
  }

  /** Ids of the jobs the stream holds, by state, for tests and diagnostics. */
  synchronized Map<String, JobState> states() {
    Map<String, JobState> states = new LinkedHashMap<>();
    jobs.forEach((jobId, entry) -> states.put(jobId, entry.state));
    return states;
  }

  /**
   * The records that rebuild the stream as it is now, for a snapshot. A job being processed is
   * recorded as waiting, with the attempts that ended before this one.
   */
  public synchronized List<JournalRecord> image() {
    if (closed) {
      return List.of();
    }
    List<JournalRecord> records = new ArrayList<>(jobs.size() + data.size() + 1);
    records.add(new StreamCreated(id, properties.values()));
    data.forEach((key, value) -> records.add(new DataPut(id, key, value)));
    for (JobEntry entry : jobs.values()) {
      boolean running = entry.state == JobState.PROCESSING;
      records.add(new JobImage(id, entry.spec, entry.seq, entry.notBeforeMillis,
          running ? entry.attempts - 1 : entry.attempts,
          entry.state == JobState.FINISHED ? entry.outcome : null));
    }
    return records;
  }

  /**
   * Deletes the stream's content; parked lease requests fail with "stream closed".
   *
   * @return completes when the deletion is durable
   */
  public synchronized CompletableFuture<Void> close() {
    closed = true;
    parked.drainTo(request -> request.worker.sendFailure(request.rid,
        "stream " + id + " is closed"));
    if (wakeup != null) {
      wakeup.cancel();
    }
    jobs.clear();
    data.clear();
    waiting.clear();
    leases.clear();
    processing = 0;
    owner = null;
    return record(new StreamClosed(id));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("stream " + id + " is closed");
    }
  }

  /**
   * The result of {@link #remove}.
   *
   * @param value the removed value, or null
   * @param durable completes when the removal is durable
   */
  public record Removed(byte @Nullable [] value, CompletableFuture<Void> durable) {}
}
