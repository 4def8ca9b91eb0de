package io.impetus.bench;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.daemon.DaemonLogging;
import io.impetus.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the node and its workers through the whole job path, client API included: how long a
 * new stream waits for its first result (a worker JVM started, the code bundle fetched and
 * loaded, the job leased, run and its result delivered), and, once a worker is warm, how long
 * each further job takes end to end on one worker. A queue and a node run in this JVM on
 * loopback; workers are real JVMs whose classpath does not hold this benchmark's client.
 */
@Command(name = "node-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks a new stream's first result and a warm worker's per-job cost.")
public final class NodeBench implements Callable<Integer> {

  @Option(names = "--runs", description = "runs of each measurement; the median is reported"
      + " (default: ${DEFAULT-VALUE})")
  private int runs = 5;

  @Option(names = "--jobs", description = "jobs per steady-state run (default: ${DEFAULT-VALUE})")
  private int jobs = 5000;

  /** Runs the benchmark; see {@code --help}. */
  public static void main(String[] args) {
    DaemonLogging.install();
    System.exit(new CommandLine(new NodeBench()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path tasks = Files.createTempDirectory("impetus-node-bench");
    try (LocalCluster cluster = LocalCluster.start(1, Timed.class)) {
      double[] first = new double[runs];
      double[] perJob = new double[runs];
      for (int run = 0; run < runs; run++) {
        Timed timed = new Timed(cluster, tasks, "first-" + run, 1);
        timed.run();
        first[run] = timed.firstResultMillis();
        System.out.printf(Locale.ROOT, "first result, run %d: %.0f ms%n", run + 1, first[run]);
      }
      for (int run = 0; run < runs; run++) {
        Timed timed = new Timed(cluster, tasks, "steady-" + run, jobs);
        timed.run();
        perJob[run] = timed.perJobMicros();
        System.out.printf(Locale.ROOT, "steady state, run %d: %.1f us per job%n", run + 1,
            perJob[run]);
      }
      System.out.printf(Locale.ROOT, "median of %d runs: first result %.0f ms (new stream,"
          + " worker JVM start included); %.1f us per job on one warm worker (%d no-op jobs)%n",
          runs, median(first), median(perJob), jobs);
    }
    return 0;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Forks no-op jobs on a new stream and notes when results arrive. */
  static final class Timed extends Client {
    private final int count;
    private long forkedNanos;
    private long firstNanos;
    private long lastNanos;
    private int received;

    Timed(LocalCluster cluster, Path taskdir, String id, int count) {
      super(cluster.address(), cluster.authkey(), taskdir, id + "-" + System.nanoTime(),
          Map.of("timeout", "2"));
      this.count = count;
    }

    /** Does nothing: the cost measured is Impetus's own. */
    @Node
    static int noop(int i) {
      return i;
    }

    @Startup
    public void start() {
      forkedNanos = System.nanoTime();
      for (int i = 0; i < count; i++) {
        fork("noop", i);
      }
    }

    @Process
    public synchronized void stage1(List<Job> ready, List<Job> errors) {
      long now = System.nanoTime();
      if (received == 0) {
        firstNanos = now;
      }
      received += ready.size() + errors.size();
      lastNanos = now;
    }

    synchronized double firstResultMillis() {
      return (firstNanos - forkedNanos) / 1e6;
    }

    synchronized double perJobMicros() {
      return (lastNanos - firstNanos) / 1e3 / Math.max(1, received - 1);
    }
  }
}
