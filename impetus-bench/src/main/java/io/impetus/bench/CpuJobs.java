package io.impetus.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Workload w2, and each length of the sweep: CPU-bound jobs. Each run submits {@code jobs} jobs
 * that each burn {@code micros} µs of their thread's CPU time and waits for every result. With
 * {@code workers} workers the best wall time is {@code jobs * micros / workers}; efficiency is that
 * over the measured wall time. The warm-up runs come first; the others are measured.
 */
final class CpuJobs implements Rounds {

  private final String name;
  private final int jobs;
  private final int micros;
  private final int workers;
  private final int warmup;
  private final double[] wallSeconds;
  private final double[] cpuSeconds;

  CpuJobs(String name, int jobs, int micros, int workers, int warmup, int runs) {
    this.name = name;
    this.jobs = jobs;
    this.micros = micros;
    this.workers = workers;
    this.warmup = warmup;
    this.wallSeconds = new double[runs];
    this.cpuSeconds = new double[runs];
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(Lane lane) throws InterruptedException {
    for (int run = -warmup; run < wallSeconds.length; run++) {
      long start = System.nanoTime();
      long cpuStart = CpuClock.nanos();
      for (int i = 0; i < jobs; i++) {
        lane.submit(Work.BURN, micros);
      }
      double wall = (lane.await(jobs) - start) / 1e9;
      Rounds.progress(run, String.format(Locale.ROOT, "%.3f s, efficiency %.3f", wall,
          efficiency(wall)));
      if (run >= 0) {
        wallSeconds[run] = wall;
        cpuSeconds[run] = (CpuClock.nanos() - cpuStart) / 1e9;
      }
    }
  }

  private double efficiency(double wallSeconds) {
    return jobs * (micros / 1e6) / workers / wallSeconds;
  }

  @Override
  public Map<String, Object> figures() {
    double wall = Figures.median(wallSeconds);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("jobs_per_s", jobs / wall);
    figures.put("wall_s", wall);
    figures.put("cpu_s", Figures.median(cpuSeconds));
    figures.put("efficiency", efficiency(wall));
    return figures;
  }
}
