package io.impetus.client.internal.session;

import io.impetus.client.ImpetusException;
import io.impetus.core.job.JobSpec;
import io.impetus.core.net.ConnectionClosedException;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.QueueCaller;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.Batches;
import io.impetus.core.protocol.SubmitJobs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Sends forked jobs to the queue in batches, with several batches in flight. A fork made while
 * nothing else waits to be sent and no batch is in flight is sent by the forking thread itself,
 * so that a lone job reaches the queue without waking another thread; otherwise {@code fork} only
 * enqueues (waiting when the queue of jobs to send is full), and the submitting thread drains
 * whatever has accumulated into the next {@link SubmitJobs}. Every batch is kept until the queue
 * acknowledges
 * it. A batch whose connection drops before its acknowledgement is resent by {@link #resend} on
 * the next connection, before anything else is sent there; the queue ignores the jobs it already
 * holds. A batch is sent at most once on each connection, so a job can never come back after its
 * result was acknowledged. A submit the queue refuses is reported to the failure consumer.
 * {@link #allAcknowledged} tells when every job queued so far is safe at the queue.
 *
 * <p>Thread-safe; {@link #add} may be called from any thread.
 */
final class Submitter {

  private static final int MAX_BATCH = 1000;
  private static final int MAX_IN_FLIGHT = 8;

  private final String streamId;
  private final Consumer<RuntimeException> onFailure;
  private final int capacity;
  private final Map<Long, Batch> unacknowledged = new ConcurrentSkipListMap<>();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  // guarded by lock
  private final ArrayDeque<JobSpec> waiting = new ArrayDeque<>();
  /** Whether the submitting thread holds a batch it has taken but not handed on yet. */
  private boolean holding;
  private final NavigableMap<Long, CompletableFuture<Void>> barriers = new TreeMap<>();
  private volatile @Nullable ReconnectingConnection link;
  private long nextBatch;
  private long added;
  private long batched;

  /**
   * A submitter for {@code streamId}.
   *
   * @param capacity the most jobs waiting to be sent, or empty for no limit
   */
  Submitter(String streamId, OptionalInt capacity, Consumer<RuntimeException> onFailure) {
    this.streamId = streamId;
    this.onFailure = onFailure;
    this.capacity = capacity.orElse(Integer.MAX_VALUE);
    this.thread = new Thread(this::loop, "impetus-submit-" + streamId);
    this.thread.setDaemon(true);
  }

  /** Starts sending over {@code connection}. */
  void start(ReconnectingConnection connection) {
    this.link = connection;
    thread.start();
  }

  /**
   * Sends a job, at once on this thread when nothing else waits to be sent, the submitting thread
   * holds no batch and no batch is in flight (jobs forked one at a time); else queues it for the
   * next batch, to go out with the jobs forked meanwhile, waiting while the queue of jobs to send
   * is full.
   *
   * @throws ImpetusException when interrupted while waiting
   */
  void add(JobSpec spec) {
    Batch direct = null;
    lock.lock();
    try {
      while (waiting.size() >= capacity) {
        notFull.await();
      }
      waiting.add(spec);
      synchronized (this) {
        added++;
      }
      if (!holding && link != null && waiting.size() == 1
          && inFlight.availablePermits() == MAX_IN_FLIGHT && inFlight.tryAcquire()) {
        direct = take();
      } else {
        notEmpty.signal();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImpetusException("interrupted while waiting to queue a job", e);
    } finally {
      lock.unlock();
    }
    if (direct != null) {
      dispatch(direct);
    }
  }

  /**
   * Completes once the queue has acknowledged every job queued before this call (at once when
   * it has): a stage's batch is acknowledged only after the jobs it forked are safe, so that a
   * client killed in between processes the batch again rather than losing its forks.
   */
  synchronized CompletableFuture<Void> allAcknowledged() {
    if (acknowledgedPrefix() >= added) {
      return CompletableFuture.completedFuture(null);
    }
    return barriers.computeIfAbsent(added, target -> new CompletableFuture<>());
  }

  /** How many jobs, counted in queueing order from the first, the queue has all acknowledged. */
  private long acknowledgedPrefix() {
    return unacknowledged.isEmpty() ? batched : unacknowledged.values().iterator().next().first;
  }

  private void releaseBarriers() {
    List<CompletableFuture<Void>> released = new ArrayList<>();
    synchronized (this) {
      NavigableMap<Long, CompletableFuture<Void>> reached =
          barriers.headMap(acknowledgedPrefix(), true);
      released.addAll(reached.values());
      reached.clear();
    }
    released.forEach(barrier -> barrier.complete(null));
  }

  void stop() {
    thread.interrupt();
  }

  /** Batches not acknowledged yet, for tests and diagnostics. */
  int unacknowledged() {
    return unacknowledged.size();
  }

  /**
   * Sends every unacknowledged batch on the new {@code connection} and waits for the queue's
   * acknowledgements: part of re-establishing the session, before anything else is sent there.
   *
   * @throws ConnectionClosedException when the connection dropped meanwhile
   */
  void resend(PeerConnection connection) {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (Batch batch : List.copyOf(unacknowledged.values())) {
      sends.add(send(batch, connection));
    }
    ReconnectingConnection.await(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
    if (!connection.isOpen()) {
      throw new ConnectionClosedException("the connection to the queue at "
          + connection.address() + " closed while jobs were being sent again");
    }
  }

  private void loop() {
    try {
      while (true) {
        Batch batch;
        lock.lock();
        try {
          while (waiting.isEmpty()) {
            notEmpty.await();
          }
          batch = take();
          holding = true;
        } finally {
          lock.unlock();
        }
        try {
          inFlight.acquire();
          dispatch(batch);
        } finally {
          lock.lock();
          try {
            holding = false;
          } finally {
            lock.unlock();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Takes the waiting jobs, up to {@link #MAX_BATCH} jobs or {@link Batches#TARGET_BYTES} (so
   * that a batch always fits in a frame), as the next batch; called holding the lock, with at
   * least one job waiting.
   */
  private Batch take() {
    List<JobSpec> jobs = new ArrayList<>();
    long bytes = 0;
    JobSpec next = waiting.poll();
    while (next != null) {
      jobs.add(next);
      bytes += Batches.size(next);
      if (jobs.size() >= MAX_BATCH || bytes >= Batches.TARGET_BYTES) {
        break;
      }
      next = waiting.poll();
    }
    notFull.signalAll();
    Batch batch;
    synchronized (this) {
      batch = new Batch(nextBatch++, batched, List.copyOf(jobs));
      batched += jobs.size();
      unacknowledged.put(batch.number, batch);
    }
    return batch;
  }

  /** Sends a batch, which holds a place in flight, once the connection is up. */
  private void dispatch(Batch batch) {
    link.whenUp().whenComplete((connection, down) -> {
      if (down != null) {
        inFlight.release();
        report(batch, down);
        return;
      }
      send(batch, connection).whenComplete((done, error) -> inFlight.release());
    });
  }

  /**
   * Sends {@code batch} on {@code connection} unless it was already sent there or acknowledged.
   * The future completes when the queue answered or the connection dropped; never fails.
   */
  private CompletableFuture<Void> send(Batch batch, PeerConnection connection) {
    synchronized (batch) {
      if (batch.acknowledged || batch.sentOn == connection) {
        return batch.sending;
      }
      batch.sentOn = connection;
      batch.sending = connection.call(rid -> new SubmitJobs(rid, streamId, batch.jobs), Ack.class)
          .handle((ack, error) -> {
            if (error == null) {
              synchronized (batch) {
                batch.acknowledged = true;
              }
              synchronized (this) {
                unacknowledged.remove(batch.number);
              }
              releaseBarriers();
            } else if (!ConnectionClosedException.isCause(error)) {
              report(batch, error);
            }
            return null;
          });
      return batch.sending;
    }
  }

  private void report(Batch batch, Throwable error) {
    onFailure.accept(new ImpetusException("cannot submit " + batch.jobs.size() + " jobs: "
        + QueueCaller.failureMessage(error), error));
  }

  /**
   * Jobs sent together, the place of the first in queueing order, which connection they last
   * went out on, and whether they are safe.
   */
  private static final class Batch {
    final long number;
    final long first;
    final List<JobSpec> jobs;
    @Nullable PeerConnection sentOn;
    CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
    boolean acknowledged;

    Batch(long number, long first, List<JobSpec> jobs) {
      this.number = number;
      this.first = first;
      this.jobs = jobs;
    }
  }
}
