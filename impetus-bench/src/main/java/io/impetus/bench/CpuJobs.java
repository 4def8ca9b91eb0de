package io.impetus.bench;

import io.impetus.client.Job;
import io.impetus.client.Node;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Workload w2: CPU-bound jobs. Each run forks {@code jobs} jobs that each burn {@code millis} ms
 * of their thread's CPU time and waits for every result. With {@code workers} workers the best
 * wall time is {@code jobs * millis / workers}; efficiency is that over the measured wall time.
 * The first run warms up; the others are measured.
 */
final class CpuJobs extends RoundClient {

  private final int jobs;
  private final int millis;
  private final int workers;
  private final int warmup;
  private final double[] wallSeconds;
  private final double[] cpuSeconds;

  CpuJobs(BenchTarget target, Path taskdir, Map<String, String> properties, int jobs, int millis,
      int workers, int warmup, int runs) {
    super(target, taskdir, "bench-w2", properties);
    this.jobs = jobs;
    this.millis = millis;
    this.workers = workers;
    this.warmup = warmup;
    this.wallSeconds = new double[runs];
    this.cpuSeconds = new double[runs];
  }

  /** The job: burns {@code millis} ms of this thread's CPU time; returns its iterations. */
  @Node
  static long burn(int millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000L;
    long iterations = 0;
    while (threads.getCurrentThreadCpuTime() < end) {
      iterations++;
    }
    return iterations;
  }

  @Override
  protected void rounds() throws InterruptedException {
    for (int run = -warmup; run < wallSeconds.length; run++) {
      long start = System.nanoTime();
      long cpuStart = CpuClock.nanos();
      for (int i = 0; i < jobs; i++) {
        fork("burn", millis);
      }
      double wall = (await(jobs) - start) / 1e9;
      progress(run, String.format(Locale.ROOT, "%.3f s, efficiency %.3f", wall,
          jobs * millis / 1000.0 / workers / wall));
      if (run >= 0) {
        wallSeconds[run] = wall;
        cpuSeconds[run] = (CpuClock.nanos() - cpuStart) / 1e9;
      }
    }
  }

  @Override
  protected boolean correct(Job job) {
    return job.result(Long.class) > 0;
  }

  /** The measured figures, medians over the measured runs. */
  Map<String, Object> figures() {
    double wall = Figures.median(wallSeconds);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("jobs_per_s", jobs / wall);
    figures.put("wall_s", wall);
    figures.put("cpu_s", Figures.median(cpuSeconds));
    figures.put("efficiency", jobs * millis / 1000.0 / workers / wall);
    return figures;
  }
}
