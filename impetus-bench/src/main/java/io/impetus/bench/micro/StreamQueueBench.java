package io.impetus.bench.micro;

import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.queue.internal.journal.Journal;
import io.impetus.queue.internal.stream.Scheduler;
import io.impetus.queue.internal.stream.Stream;
import io.impetus.queue.internal.stream.StreamContext;
import io.impetus.queue.internal.stream.WorkerLink;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A stream's priority queue, in memory: one operation creates a stream (journal: none), submits
 * {@code jobs} jobs of mixed priorities in one batch and leases them all, {@value #LEASE_SIZE} at
 * a time as a busy worker of tiny jobs does, in priority order. Jobs/s is the score times {@code
 * jobs}. A new
 * stream per operation keeps every operation alike: a stream keeps its finished jobs until they
 * are acknowledged, so reusing one would grow it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Fixtures.QUIET_LOGGING)
public class StreamQueueBench {

  /** The most jobs a worker leases at once (the node's {@code LeaseSizer.MOST}). */
  static final int LEASE_SIZE = 1000;

  /** The jobs in the submitted batch. */
  @Param({"100", "10000"})
  public int jobs;

  private final CountingWorker worker = new CountingWorker();
  private StreamContext context;
  private List<JobSpec> batch;

  /** Builds the jobs and the in-memory context: system clock, no timers, no journal. */
  @Setup
  public void prepare() {
    Scheduler noTimers = (task, delayMillis) -> () -> { };
    context = new StreamContext(Clock.systemUTC(), noTimers, Journal.none(), 1L << 32);
    batch = Fixtures.specs(jobs);
  }

  /** Submits the batch to a new stream and leases every job; returns the jobs leased. */
  @Benchmark
  public long submitAndLeaseAll(Blackhole leases) {
    worker.sink = leases;
    Stream stream = Stream.create(Fixtures.STREAM, Map.of(), context);
    stream.submit(batch);
    long before = worker.leased;
    long rid = 0;
    do {
      stream.lease(worker, ++rid, LEASE_SIZE, 0);
    } while (worker.last != 0);
    return worker.leased - before;
  }

  /**
   * A worker link that counts the jobs leased to it, remembers the last lease's size (0 once the
   * stream is empty) and hands each lease to a blackhole so that none is optimized away; it never
   * fails, blocks or calls back.
   */
  private static final class CountingWorker implements WorkerLink {

    long leased;
    int last;
    @Nullable Blackhole sink;

    @Override
    public void sendLeased(long rid, List<LeasedJob> jobs) {
      if (sink != null) {
        sink.consume(jobs);
      }
      last = jobs.size();
      leased += last;
    }

    @Override
    public void sendFailure(long rid, String message) {
      throw new IllegalStateException("lease " + rid + " failed: " + message);
    }

    @Override
    public String name() {
      return "node-1/4242";
    }
  }
}
