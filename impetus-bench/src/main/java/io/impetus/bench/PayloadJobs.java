package io.impetus.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Workload w3: payloads. Each run submits {@code jobs} jobs that each send {@code bytes} bytes of
 * random data and return as many (the input, each byte inverted), and waits for every result;
 * MB/s counts the bytes moved both ways (10^6 bytes a MB) from the first submission to the last
 * result. The warm-up runs come first; the others are measured.
 */
final class PayloadJobs implements Rounds {

  private final int jobs;
  private final int bytes;
  private final int warmup;
  private final double[] wallSeconds;
  private final double[] cpuSeconds;

  PayloadJobs(int jobs, int bytes, int warmup, int runs) {
    this.jobs = jobs;
    this.bytes = bytes;
    this.warmup = warmup;
    this.wallSeconds = new double[runs];
    this.cpuSeconds = new double[runs];
  }

  @Override
  public String name() {
    return "w3";
  }

  @Override
  public void run(Lane lane) throws InterruptedException {
    SplittableRandom random = new SplittableRandom(7);
    byte[][] inputs = new byte[Math.min(jobs, 64)][bytes];
    for (byte[] input : inputs) {
      for (int i = 0; i < input.length; i++) {
        input[i] = (byte) random.nextInt();
      }
    }
    for (int run = -warmup; run < wallSeconds.length; run++) {
      long start = System.nanoTime();
      long cpuStart = CpuClock.nanos();
      for (int i = 0; i < jobs; i++) {
        lane.submit(Work.INVERT, inputs[i % inputs.length]);
      }
      double wall = (lane.await(jobs) - start) / 1e9;
      Rounds.progress(run, String.format(Locale.ROOT, "%.3f s, %.1f MB/s", wall,
          2.0 * jobs * bytes / 1e6 / wall));
      if (run >= 0) {
        wallSeconds[run] = wall;
        cpuSeconds[run] = (CpuClock.nanos() - cpuStart) / 1e9;
      }
    }
  }

  @Override
  public Map<String, Object> figures() {
    double wall = Figures.median(wallSeconds);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("jobs_per_s", jobs / wall);
    figures.put("wall_s", wall);
    figures.put("cpu_s", Figures.median(cpuSeconds));
    figures.put("mb_per_s", 2.0 * jobs * bytes / 1e6 / wall);
    return figures;
  }
}
