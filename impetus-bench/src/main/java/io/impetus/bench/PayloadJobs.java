package io.impetus.bench;

import io.impetus.client.Job;
import io.impetus.client.Node;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Workload w3: payloads. Each run forks {@code jobs} jobs that each send {@code bytes} bytes of
 * random data and return as many (the input, each byte inverted), and waits for every result;
 * MB/s counts the bytes moved both ways (10^6 bytes a MB) from the first fork to the last result.
 * The first run warms up; the others are measured.
 */
final class PayloadJobs extends RoundClient {

  private final int jobs;
  private final int bytes;
  private final int warmup;
  private final double[] wallSeconds;
  private final double[] cpuSeconds;

  PayloadJobs(BenchTarget target, Path taskdir, Map<String, String> properties, int jobs,
      int bytes, int warmup, int runs) {
    super(target, taskdir, "bench-w3", properties);
    this.jobs = jobs;
    this.bytes = bytes;
    this.warmup = warmup;
    this.wallSeconds = new double[runs];
    this.cpuSeconds = new double[runs];
  }

  /** The job: its input with every byte inverted. */
  @Node
  static byte[] invert(byte[] input) {
    byte[] output = new byte[input.length];
    for (int i = 0; i < input.length; i++) {
      output[i] = (byte) ~input[i];
    }
    return output;
  }

  @Override
  protected void rounds() throws InterruptedException {
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
        fork("invert", inputs[i % inputs.length]);
      }
      double wall = (await(jobs) - start) / 1e9;
      progress(run, String.format(Locale.ROOT, "%.3f s, %.1f MB/s", wall,
          2.0 * jobs * bytes / 1e6 / wall));
      if (run >= 0) {
        wallSeconds[run] = wall;
        cpuSeconds[run] = (CpuClock.nanos() - cpuStart) / 1e9;
      }
    }
  }

  @Override
  protected boolean correct(Job job) {
    byte[] input = (byte[]) job.args();
    byte[] output = job.result(byte[].class);
    return output.length == input.length && (input.length == 0 || output[0] == (byte) ~input[0]);
  }

  /** The measured figures, medians over the measured runs. */
  Map<String, Object> figures() {
    double wall = Figures.median(wallSeconds);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("jobs_per_s", jobs / wall);
    figures.put("wall_s", wall);
    figures.put("cpu_s", Figures.median(cpuSeconds));
    figures.put("mb_per_s", 2.0 * jobs * bytes / 1e6 / wall);
    return figures;
  }
}
