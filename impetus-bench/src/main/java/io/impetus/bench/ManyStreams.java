package io.impetus.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The streams workload: {@code streams} lanes of a peer at once (for Impetus, each a client of its
 * own with its own stream and client id; for the executors, each a thread submitting its own
 * jobs), each submitting {@code jobs} jobs that burn {@code micros} µs of thread CPU time. The
 * streams start each run together (a barrier), the warm-up runs first. A run lasts from the first
 * submission of any stream to the last result of all; its figures are the jobs per second over
 * that time, the slowest stream's own time (its first submission to its last result), the
 * efficiency as w2's, and the processor time (as w1's {@code cpu_s}, from the start of one run to
 * the next). A stream that waits longer than the peer's patience for a result ends the run: the
 * figures then say how many streams finished, and why the others did not.
 *
 * <p>{@link #run} is called once, by one thread, which starts one thread per stream.
 */
final class ManyStreams {

  private final int streams;
  private final int jobs;
  private final int micros;
  private final int workers;
  private final int warmup;
  private final int runs;
  /** By phase (warm-up runs, then measured ones) and stream: first submission, last result. */
  private final long[][] starts;
  private final long[][] ends;
  /** The processor time when each run started, and when the last ended. */
  private final long[] cpuNanos;
  private final CyclicBarrier together;
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();
  private int phase;
  private @Nullable String failure;

  ManyStreams(int streams, int jobs, int micros, int workers, int warmup, int runs) {
    this.streams = streams;
    this.jobs = jobs;
    this.micros = micros;
    this.workers = workers;
    this.warmup = warmup;
    this.runs = runs;
    this.starts = new long[warmup + runs][streams];
    this.ends = new long[warmup + runs][streams];
    this.cpuNanos = new long[warmup + runs + 1];
    this.together = new CyclicBarrier(streams, this::nextPhase);
  }

  /**
   * Runs the streams on {@code peer}, each on a thread of its own, and returns when all are done
   * or one failed and the others gave up; {@link #failure()} tells whether every stream finished
   * with every result right.
   */
  void run(Peer peer) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    @Nullable String[] errors = new String[streams];
    for (int k = 0; k < streams; k++) {
      Stream stream = new Stream(k);
      int index = k;
      threads.add(new Thread(() -> {
        try {
          peer.run(stream);
        } catch (InterruptedException e) {
          errors[index] = "interrupted";
        } catch (RuntimeException e) {
          errors[index] = String.valueOf(e.getMessage());
          together.reset();
        }
      }, "bench-stream-" + (k + 1)));
    }
    threads.forEach(Thread::start);
    try {
      for (Thread thread : threads) {
        thread.join();
      }
    } finally {
      threads.forEach(Thread::interrupt);
    }
    String why = firstFailure.get();
    for (int k = 0; why == null && k < streams; k++) {
      why = errors[k] == null ? null : "stream " + (k + 1) + ": " + errors[k];
    }
    if (finished.get() < streams || why != null) {
      failure = finished.get() + " of " + streams + " streams finished; "
          + (why == null ? "the others did not say why" : why);
    }
  }

  /**
   * Why not every stream finished, or a job failed or returned a wrong result; null when none of
   * this happened. Read after {@link #run}.
   */
  @Nullable String failure() {
    return failure;
  }

  /** Runs at each barrier, before the streams go on: the processor time, and progress. */
  private void nextPhase() {
    cpuNanos[phase] = CpuClock.nanos();
    if (phase > 0) {
      int run = phase - 1 - warmup;
      Rounds.progress(run, String.format(Locale.ROOT, "%.0f jobs/s, slowest stream %.3f s",
          streams * (double) jobs / wallSeconds(phase - 1), slowestSeconds(phase - 1)));
    }
    phase++;
  }

  private double wallSeconds(int phase) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int k = 0; k < streams; k++) {
      first = Math.min(first, starts[phase][k]);
      last = Math.max(last, ends[phase][k]);
    }
    return (last - first) / 1e9;
  }

  private double slowestSeconds(int phase) {
    long slowest = 0;
    for (int k = 0; k < streams; k++) {
      slowest = Math.max(slowest, ends[phase][k] - starts[phase][k]);
    }
    return slowest / 1e9;
  }

  /**
   * The figures of the measured runs, medians, read after {@link #run}; when not every stream
   * finished, only how many did (the rest null) and why.
   */
  Map<String, @Nullable Object> figures() {
    if (failure != null) {
      Map<String, @Nullable Object> figures = new LinkedHashMap<>();
      for (String figure : List.of("jobs_per_s", "wall_s", "slowest_stream_s", "cpu_s",
          "efficiency")) {
        figures.put(figure, null);
      }
      figures.put("streams_finished", finished.get());
      figures.put("error", failure);
      return figures;
    }
    double[] rates = new double[runs];
    double[] walls = new double[runs];
    double[] slowest = new double[runs];
    double[] cpu = new double[runs];
    for (int run = 0; run < runs; run++) {
      walls[run] = wallSeconds(warmup + run);
      rates[run] = streams * (double) jobs / walls[run];
      slowest[run] = slowestSeconds(warmup + run);
      cpu[run] = (cpuNanos[warmup + run + 1] - cpuNanos[warmup + run]) / 1e9;
    }
    double wall = Figures.median(walls);
    Map<String, @Nullable Object> figures = new LinkedHashMap<>();
    figures.put("jobs_per_s", Figures.median(rates));
    figures.put("wall_s", wall);
    figures.put("slowest_stream_s", Figures.median(slowest));
    figures.put("cpu_s", Figures.median(cpu));
    figures.put("efficiency", streams * (double) jobs * micros / 1e6 / workers / wall);
    figures.put("streams_finished", finished.get());
    return figures;
  }

  /** One stream: its runs, each starting with the others'. */
  private final class Stream implements Rounds {
    private final int index;

    Stream(int index) {
      this.index = index;
    }

    @Override
    public String name() {
      return "streams-" + (index + 1);
    }

    @Override
    public void run(Lane lane) throws InterruptedException {
      try {
        for (int phase = 0; phase < warmup + runs; phase++) {
          together.await();
          starts[phase][index] = System.nanoTime();
          for (int i = 0; i < jobs; i++) {
            lane.submit(Work.BURN, micros);
          }
          ends[phase][index] = lane.await(jobs);
        }
        finished.incrementAndGet();
        together.await();
      } catch (BrokenBarrierException e) {
        throw new IllegalStateException("another stream failed", e);
      } catch (RuntimeException | InterruptedException e) {
        firstFailure.compareAndSet(null, "stream " + (index + 1) + ": " + e.getMessage());
        together.reset();
        throw e;
      }
    }

    @Override
    public Map<String, Object> figures() {
      return Map.of();
    }
  }
}
