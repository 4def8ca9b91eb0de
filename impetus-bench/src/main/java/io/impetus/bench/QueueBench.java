package io.impetus.bench;

import io.impetus.core.job.JobSpec;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.daemon.DaemonLogging;
import io.impetus.queue.FsyncMode;
import io.impetus.queue.JournalSettings;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the queue's submit path: for each fsync mode, how many jobs per second a pipelined
 * client gets acknowledged as durable, and how long one acknowledgement takes; then how much
 * memory the queue spends per waiting job. The queue runs in this JVM on loopback with a journal
 * in a temporary directory (or {@code --dir}); the client speaks the real protocol over TCP.
 */
@Command(name = "queue-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks the queue's durable submit path and its memory per waiting job.")
public final class QueueBench implements Callable<Integer> {

  private static final Authkey KEY = Authkey.of("bench");

  @Option(names = "--jobs", description = "jobs per throughput run (default: ${DEFAULT-VALUE})")
  private int jobs = 200_000;

  @Option(names = "--batch", description = "jobs per submit (default: ${DEFAULT-VALUE})")
  private int batch = 1000;

  @Option(names = "--in-flight", description = "submits in flight (default: ${DEFAULT-VALUE})")
  private int inFlight = 8;

  @Option(names = "--single", description = "one-job submits for the latency run, one at a time"
      + " (default: ${DEFAULT-VALUE})")
  private int single = 2000;

  @Option(names = "--runs", description = "runs per mode; the median is reported (default:"
      + " ${DEFAULT-VALUE})")
  private int runs = 3;

  @Option(names = "--warmup", description = "unmeasured runs first, so that every mode is"
      + " measured on a warm JVM (default: ${DEFAULT-VALUE})")
  private int warmup = 1;

  @Option(names = "--modes", split = ",", description = "fsync modes (default: always,interval,"
      + "never)")
  private List<FsyncMode> modes = List.of(FsyncMode.ALWAYS, FsyncMode.INTERVAL, FsyncMode.NEVER);

  @Option(names = "--memory-jobs", description = "waiting jobs for the memory measurement, 0 to"
      + " skip (default: ${DEFAULT-VALUE})")
  private int memoryJobs = 1_000_000;

  @Option(names = "--dir", description = "where to put the journals (default: a temporary"
      + " directory under java.io.tmpdir)")
  private @Nullable Path dir;

  /** Runs the benchmark; see {@code --help}. */
  public static void main(String[] args) {
    DaemonLogging.install();
    System.exit(new CommandLine(new QueueBench()).setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path root = dir != null ? Files.createDirectories(dir)
        : Files.createTempDirectory("impetus-queue-bench");
    System.out.printf(Locale.ROOT, "queue bench: %d jobs in submits of %d, %d in flight; %d"
        + " one-job submits; median of %d runs after %d warm-up; journal under %s%n", jobs, batch,
        inFlight, single, runs, warmup, root);
    for (int run = 0; run < warmup; run++) {
      measure(FsyncMode.NEVER, root.resolve("warmup-" + run));
    }
    System.out.printf(Locale.ROOT, "%-9s %14s %16s %16s %18s %18s%n", "fsync", "jobs/s",
        "batch p50 ms", "batch p99 ms", "1-job p50 ms", "1-job p99 ms");
    for (FsyncMode mode : modes) {
      List<Result> results = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        results.add(measure(mode, root.resolve(mode.name().toLowerCase(Locale.ROOT) + "-" + run)));
      }
      results.sort(Comparator.comparingDouble(Result::jobsPerSecond));
      Result median = results.get(results.size() / 2);
      System.out.printf(Locale.ROOT, "%-9s %14.0f %16.2f %16.2f %18.3f %18.3f%n",
          mode.name().toLowerCase(Locale.ROOT), median.jobsPerSecond(), median.batchP50(),
          median.batchP99(), median.singleP50(), median.singleP99());
    }
    if (memoryJobs > 0) {
      measureMemory();
    }
    if (dir == null) {
      deleteTree(root);
    }
    return 0;
  }

  private Result measure(FsyncMode mode, Path data) {
    QueueConfig config = QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(KEY).data(data).journal(JournalSettings.defaults().withFsync(mode)).build();
    try (QueueServer queue = QueueServer.start(config);
        PeerConnection client = PeerConnection.open(queue.address(), KEY, PeerRole.CLIENT,
            "bench", push -> { })) {
      client.call(rid -> new OpenStream(rid, "bench", Map.of()), StreamOpened.class).join();
      double[] batchMillis = new double[(jobs + batch - 1) / batch];
      Semaphore slots = new Semaphore(inFlight);
      List<CompletableFuture<Ack>> pending = new ArrayList<>();
      long start = System.nanoTime();
      for (int b = 0; b < batchMillis.length; b++) {
        List<JobSpec> specs = specs(Math.min(batch, jobs - b * batch));
        slots.acquireUninterruptibly();
        long sent = System.nanoTime();
        int index = b;
        pending.add(client.call(rid -> new SubmitJobs(rid, "bench", specs), Ack.class)
            .whenComplete((ack, error) -> {
              batchMillis[index] = (System.nanoTime() - sent) / 1e6;
              slots.release();
            }));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] singleMillis = new double[single];
      for (int i = 0; i < single; i++) {
        List<JobSpec> one = specs(1);
        long sent = System.nanoTime();
        client.call(rid -> new SubmitJobs(rid, "bench", one), Ack.class).join();
        singleMillis[i] = (System.nanoTime() - sent) / 1e6;
      }
      return new Result(jobs / seconds, percentile(batchMillis, 50), percentile(batchMillis, 99),
          percentile(singleMillis, 50), percentile(singleMillis, 99));
    } finally {
      deleteTree(data);
    }
  }

  private void measureMemory() {
    System.out.printf(Locale.ROOT, "memory: %d waiting jobs (shaped as w1's: 36-character ids,"
        + " int arguments): %d bytes of heap per waiting job%n", memoryJobs,
        QueueMemory.bytesPerWaitingJob(memoryJobs));
  }

  private static List<JobSpec> specs(int count) {
    List<JobSpec> specs = new ArrayList<>(count);
    long now = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      specs.add(new JobSpec(UUID.randomUUID().toString(), "pow", "examples.Helloworld",
          "9f".repeat(32), new byte[16], 0, 0, "stage1", now, Map.of()));
    }
    return specs;
  }

  private static double percentile(double[] values, int percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One run's figures. */
  private record Result(double jobsPerSecond, double batchP50, double batchP99, double singleP50,
      double singleP99) {}
}
