package io.impetus.worker.internal;

import io.impetus.client.spi.RemoteDataStore;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.net.ReconnectPolicy;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.BundleBytes;
import io.impetus.core.protocol.GetBundle;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.worker.Assignment;
import io.impetus.core.worker.JobSlot;
import io.impetus.core.worker.WorkerArguments;
import io.impetus.daemon.DaemonLogging;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker JVM's entry point, started by a node for one stream, or warm: started ahead of need
 * without a stream, it connects to the queue, runs its job path on itself (see {@link Warmup}) and
 * waits for its node to assign it a stream (or to tell it to leave). Either way it serves one
 * stream only, then leaves: no user code of two streams shares a JVM. Leases jobs (waiting up to
 * the stream's idle timeout; see {@link LeaseSizer} for how many), runs them one after the other,
 * completes them in a batch, and asks for the next lease while a batch runs; it leaves when no
 * job came within the timeout, when it has run its {@code maxjobs} or lived its {@code maxage},
 * after a job ran out of memory, or when its node asks it to leave (the node drains, or gives the
 * worker's slot to another stream). It tells its node which job runs (see {@link NodeChannel})
 * and halts when the node is gone.
 *
 * <p>Its connection to the queue is {@linkplain PeerConnection#openDirect direct}: the job thread
 * writes the outcomes and lease requests itself, so that an outcome leaves without waking another
 * thread. When the queue goes away it reconnects for up to the reconnect window, keeping the
 * results of the jobs it ran, and delivers them once the queue is back. The authkey comes from
 * the environment, never the command line.
 */
public final class WorkerMain {

  /** The workers' logging: the daemons' but written in batches (see {@link #main}). */
  private static final String WORKER_LOGGING = "io/impetus/worker/worker-logback.xml";
  /** The size of the worker's standard output buffer. */
  private static final int OUTPUT_BUFFER = 64 * 1024;
  /** The longest a line waits in the worker's standard output buffer. */
  private static final long OUTPUT_FLUSH_MILLIS = 200;

  /** The longest one lease request waits, well inside the connection's call timeout. */
  private static final long LONGEST_LEASE_WAIT_MILLIS = 30_000;

  /**
   * Rounds of the warm-up (see {@link Warmup}): 1,000 jobs, past C1's thresholds for the job path.
   * 100 rounds gave no faster first result and cost each worker 0.15 s more of the processor
   * (docs/PERFORMANCE.md).
   */
  private static final int WARMUP_ROUNDS = 20;

  private final WorkerArguments arguments;
  private final String node;
  private final CompletableFuture<Assignment> assigned = new CompletableFuture<>();
  private final CompletableFuture<String> leave = new CompletableFuture<>();
  private String stream = "";
  private long idleMillis;
  private int maxJobs;
  private long maxAgeMillis;

  private WorkerMain(WorkerArguments arguments) {
    this.arguments = arguments;
    this.node = arguments.node();
    if (arguments.assignment() != null) {
      assigned.complete(arguments.assignment());
    }
  }

  /**
   * Runs a worker; exits 0 when it ends normally, 1 when it cannot work, 2 when its command line
   * (see {@link WorkerArguments}) is wrong. Its standard output, the node's channel and log, is
   * buffered: the two log lines of each job are written with the others of their batch, once
   * their outcomes are sent, and at the latest after {@link #OUTPUT_FLUSH_MILLIS}.
   */
  public static void main(String[] args) {
    System.setOut(new PrintStream(new BufferedOutputStream(
        new FileOutputStream(FileDescriptor.out), OUTPUT_BUFFER), false, StandardCharsets.UTF_8));
    DaemonLogging.install(WORKER_LOGGING);
    Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "impetus-output-flush");
      thread.setDaemon(true);
      return thread;
    }).scheduleWithFixedDelay(System.out::flush, OUTPUT_FLUSH_MILLIS, OUTPUT_FLUSH_MILLIS,
        TimeUnit.MILLISECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(System.out::flush, "impetus-output-end"));
    WorkerArguments arguments;
    try {
      arguments = WorkerArguments.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("impetus-worker: " + e.getMessage() + " (a node starts workers)");
      System.exit(2);
      return;
    }
    System.exit(new WorkerMain(arguments).run());
  }

  private int run() {
    Logger log = LoggerFactory.getLogger(WorkerMain.class);
    String pid = Long.toString(ProcessHandle.current().pid());
    NodeChannel channel = new NodeChannel(System.out, System.in, Thread.currentThread(),
        leave::complete, assigned::complete);
    channel.listen();
    JobSlot slot;
    try {
      slot = JobSlot.map(arguments.slot(), true);
    } catch (IOException e) {
      log.error("worker {} cannot map its job slot {}: {}", pid, arguments.slot(), e.getMessage());
      return 1;
    }
    Authkey authkey = Authkey.resolve(null, null, System.getenv(Authkey.ENVIRONMENT_VARIABLE));
    ReconnectingConnection connection;
    try {
      ReconnectPolicy policy = ReconnectPolicy.within(arguments.reconnect());
      connection = ReconnectingConnection.open(
          () -> PeerConnection.openDirect(arguments.queue(), authkey, PeerRole.WORKER,
              node + "/" + pid, push -> { }),
          arguments.queue(), policy, policy, (link, first) -> { }, reason -> { }, "worker");
    } catch (PeerException e) {
      log.error("worker {} cannot reach the queue: {}", pid, e.getMessage());
      return 1;
    }
    try (connection) {
      if (!assigned.isDone()) {
        long warming = System.nanoTime();
        try {
          Warmup.run(WARMUP_ROUNDS, assigned::isDone);
        } catch (RuntimeException e) {
          log.error("warm worker {} cannot run its job path: {}", pid, e.toString());
          return 1;
        }
        log.info("warm worker {} ready in {} ms", pid,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warming));
        if (arguments.leaveWhenWarm() && !assigned.isDone()) {
          log.info("warm worker {} leaves to write the workers' class archive", pid);
          return 0;
        }
        channel.ready();
        CompletableFuture.anyOf(assigned, leave).join();
        if (!assigned.isDone()) {
          log.info("warm worker {} leaves unused: {}", pid, leave.join());
          return 0;
        }
      }
      take(assigned.join());
      BundleCache bundles = new BundleCache(arguments.cache(),
          hash -> connection.call(rid -> new GetBundle(rid, hash), BundleBytes.class).join()
              .bytes(),
          WorkerMain.class.getClassLoader());
      JobRunner runner = new JobRunner(bundles, stream,
          codec -> new RemoteDataStore(connection, stream, codec), Clock.systemUTC(), node, pid);
      JobLines lines = new JobLines(System.out, pid, ZoneId.systemDefault());
      String reason = work(connection, runner, slot, lines);
      log.info("worker {} leaves: {}", pid, reason);
      return 0;
    } catch (CompletionException e) {
      log.info("worker {} exits: {}", pid, e.getCause().getMessage());
      return 0;
    }
  }

  /** Takes the stream and limits the worker works under. */
  private void take(Assignment assignment) {
    stream = assignment.stream();
    idleMillis = assignment.idle().toMillis();
    maxJobs = assignment.maxJobs();
    maxAgeMillis = assignment.maxAge().toMillis();
  }

  /**
   * Leases and runs jobs until the worker should leave; returns why. When the stream's jobs are
   * short (see {@link LeaseSizer#shortJobs}), the request for the next lease is already at the
   * queue while one leased batch runs; longer jobs are leased only once the worker is free, so
   * that a job never waits behind a long one in this worker while another is idle, a worker
   * that is lost with its node held only what it ran, and their outcomes are recorded before the
   * worker asks for more (after a queue outage too). The outcomes of short jobs go back without
   * waiting for their acknowledgement (see {@link Completions}); the worker leaves only once every
   * outcome is acknowledged. Jobs of a lease that arrives after the worker decided to leave were
   * never started: they return to the queue uncounted when its node reports its end.
   */
  private String work(ReconnectingConnection connection, JobRunner runner, JobSlot slot,
      JobLines lines) {
    if (leave.isDone()) {
      return leave.join();
    }
    Lifetime lifetime = new Lifetime(Lifetime.systemTicker(), idleMillis, maxAgeMillis);
    LeaseSizer sizer = new LeaseSizer();
    Completions completions = new Completions(connection, stream);
    int done = 0;
    CompletableFuture<List<LeasedJob>> next = lease(connection, sizer.next(limit(done)),
        lifetime);
    while (true) {
      CompletableFuture.anyOf(next, leave).join();
      if (!next.isDone()) {
        completions.awaitAll();
        return leave.join();
      }
      List<LeasedJob> jobs = next.join();
      if (jobs.isEmpty()) {
        String idle = lifetime.idle();
        if (idle != null) {
          completions.awaitAll();
          return idle;
        }
        next = lease(connection, sizer.next(limit(done)), lifetime);
        continue;
      }
      int after = done + jobs.size();
      boolean more = maxJobs <= 0 || after < maxJobs;
      lifetime.worked();
      CompletableFuture<List<LeasedJob>> prefetched = more && sizer.shortJobs()
          ? lease(connection, sizer.next(limit(after)), lifetime)
          : null;
      completions.send(runAll(jobs, runner, slot, sizer, lines));
      System.out.flush();
      done = after;
      lifetime.worked();
      String retire = retirement(runner, done, lifetime);
      if (retire == null && leave.isDone()) {
        retire = leave.join();
      }
      if (retire != null) {
        completions.awaitAll();
        return retire;
      }
      if (prefetched != null) {
        next = prefetched;
      } else if (more) {
        completions.awaitAll();
        next = lease(connection, sizer.next(limit(done)), lifetime);
      } else {
        next = CompletableFuture.completedFuture(List.of());
      }
    }
  }

  /**
   * Runs leased jobs one after the other; returns their outcomes. Stops after a job that ran out
   * of memory: the jobs after it were not started, and return to the queue uncounted.
   */
  private List<JobOutcome> runAll(List<LeasedJob> jobs, JobRunner runner, JobSlot slot,
      LeaseSizer sizer, JobLines lines) {
    List<JobOutcome> outcomes = new ArrayList<>(jobs.size());
    long started = System.nanoTime();
    for (LeasedJob job : jobs) {
      slot.started(job.id(), job.timeLimitMillis());
      lines.processing(job.id(), job.name(), System.currentTimeMillis());
      JobOutcome outcome = runner.run(job);
      lines.completed(job.id(), job.name(), outcome.succeeded(), System.currentTimeMillis());
      outcomes.add(outcome);
      if (runner.exhausted()) {
        break;
      }
    }
    sizer.ran(jobs.size(), System.nanoTime() - started);
    slot.idle();
    return outcomes;
  }

  /** The most jobs the next lease may bring after {@code done}. */
  private int limit(int done) {
    return maxJobs > 0 ? maxJobs - done : LeaseSizer.MOST;
  }

  /** Why the worker should leave before leasing more, or null to go on. */
  private @Nullable String retirement(JobRunner runner, int done, Lifetime lifetime) {
    if (runner.exhausted()) {
      return "a job ran out of memory; a fresh worker takes over";
    }
    if (maxJobs > 0 && done >= maxJobs) {
      return "it ran its " + maxJobs + " jobs (maxjobs)";
    }
    return lifetime.tooOld();
  }

  /**
   * Asks for up to {@code max} jobs, to be answered at once when the stream has some, else when
   * some arrive, at the latest when the worker's idle time runs out (or after {@link
   * #LONGEST_LEASE_WAIT_MILLIS}, well inside the connection's call timeout), then with none.
   */
  private CompletableFuture<List<LeasedJob>> lease(ReconnectingConnection connection, int max,
      Lifetime lifetime) {
    long wait = lifetime.leaseWait(LONGEST_LEASE_WAIT_MILLIS);
    return connection.call(rid -> new LeaseJobs(rid, stream, max, wait), LeasedJobs.class)
        .thenApply(LeasedJobs::jobs);
  }
}
