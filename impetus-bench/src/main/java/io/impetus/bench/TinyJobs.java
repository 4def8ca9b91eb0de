package io.impetus.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Workload w1: tiny jobs. Each run submits {@code jobs} jobs computing {@code i * i} as fast as it
 * can and waits for every result (jobs per second from the first submission to the last result),
 * then submits {@code sequential} jobs one at a time, each waiting for its result (the round
 * trip). The warm-up runs come first; the others are measured.
 */
final class TinyJobs implements Rounds {

  private final int jobs;
  private final int sequential;
  private final int warmup;
  private final double[] jobsPerSecond;
  private final double[] wallSeconds;
  private final double[] cpuSeconds;
  private final double[] p50Millis;
  private final double[] p99Millis;

  TinyJobs(int jobs, int sequential, int warmup, int runs) {
    this.jobs = jobs;
    this.sequential = sequential;
    this.warmup = warmup;
    this.jobsPerSecond = new double[runs];
    this.wallSeconds = new double[runs];
    this.cpuSeconds = new double[runs];
    this.p50Millis = new double[runs];
    this.p99Millis = new double[runs];
  }

  @Override
  public String name() {
    return "w1";
  }

  @Override
  public void run(Lane lane) throws InterruptedException {
    for (int run = -warmup; run < jobsPerSecond.length; run++) {
      long start = System.nanoTime();
      long cpuStart = CpuClock.nanos();
      for (int i = 0; i < jobs; i++) {
        lane.submit(Work.SQUARE, i);
      }
      long last = lane.await(jobs);
      double cpu = (CpuClock.nanos() - cpuStart) / 1e9;
      double[] roundTrips = new double[sequential];
      for (int i = 0; i < sequential; i++) {
        long sent = System.nanoTime();
        lane.submit(Work.SQUARE, i);
        roundTrips[i] = (lane.await(1) - sent) / 1e6;
      }
      double wall = (last - start) / 1e9;
      Rounds.progress(run, String.format(Locale.ROOT,
          "%.0f jobs/s, round trip p50 %.3f ms, p99 %.3f ms", jobs / wall,
          Figures.percentile(roundTrips, 50), Figures.percentile(roundTrips, 99)));
      if (run >= 0) {
        wallSeconds[run] = wall;
        cpuSeconds[run] = cpu;
        jobsPerSecond[run] = jobs / wall;
        p50Millis[run] = Figures.percentile(roundTrips, 50);
        p99Millis[run] = Figures.percentile(roundTrips, 99);
      }
    }
  }

  @Override
  public Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("jobs_per_s", Figures.median(jobsPerSecond));
    figures.put("p50_ms", Figures.median(p50Millis));
    figures.put("p99_ms", Figures.median(p99Millis));
    figures.put("wall_s", Figures.median(wallSeconds));
    figures.put("cpu_s", Figures.median(cpuSeconds));
    return figures;
  }
}
