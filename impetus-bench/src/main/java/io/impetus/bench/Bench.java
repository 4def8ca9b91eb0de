package io.impetus.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.impetus.core.job.StreamProperties;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.daemon.DaemonLogging;
import io.impetus.queue.FsyncMode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code impetus bench}: runs the standard workloads through the public client API against a
 * queue and node it starts in this JVM (workers are separate JVMs, as always), or against a
 * running queue, and prints one JSON line per workload. Each workload runs once to warm up, then
 * {@code --runs} times; the figures are the medians. With {@code --compare} the workloads that
 * other systems can run then run on each of the other {@link Peer}s, a Hazelcast executor and a
 * thread pool, with as many workers, and a line of ratios follows for each. With {@code --sweep}
 * a {@link Sweep} over job lengths runs instead of the workloads. With {@code --record} every
 * line printed is also appended to a file ({@link Recorder}). Progress and diagnostics go to
 * standard error; standard output has only the JSON lines. A run that fails ends the benchmark
 * with one error (status 1), but for the streams workload, whose line says how many streams
 * finished: the benchmark goes on and ends with that error.
 */
@Command(name = "impetus bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs Impetus's standard workloads and prints one JSON line per workload:",
        "  w1      20,000 tiny jobs (i*i): jobs/s; 500 one at a time: p50/p99",
        "  w2      400 jobs burning 10 ms of CPU each on the workers: efficiency",
        "  w3      2,000 jobs sending and returning 100 KiB each: MB/s both ways",
        "  cold    one job on a new stream: time to its result, on a worker JVM started",
        "          for it (cold) and on a warm worker of the node (warm)",
        "  memory  heap per waiting job in a queue (needs the embedded queue)",
        "  streams 20 clients at once, each its own stream forking 200 jobs burning 1 ms",
        "          of CPU: jobs/s over all, the slowest stream's time",
        "With --compare, w1, w2, w3 and streams run on a Hazelcast executor and a thread",
        "pool too, and a line of ratios (Impetus's figure over the other's) follows.",
        "With --sweep, CPU jobs of several lengths run on Impetus and the thread pool",
        "(and Hazelcast with --compare) instead: a line per length with each one's",
        "efficiency and overhead, and the length from which Impetus's is under 10 %%."})
public final class Bench implements Callable<Integer> {

  /** The workloads, by their name on the command line. */
  enum Workload {
    W1("jobs_per_s", "p50_ms", "p99_ms"), W2("efficiency"), W3("mb_per_s"), COLD, MEMORY,
    STREAMS("jobs_per_s", "slowest_stream_s"), ALL;

    /** The figures that its ratio line compares; none when it runs on Impetus only. */
    private final List<String> compared;

    Workload(String... compared) {
      this.compared = List.of(compared);
    }

    /** Whether the other peers run it too. */
    boolean shared() {
      return !compared.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The client library's progress setting: off, since standard output has the JSON lines. */
  private static final String PROGRESS_PROPERTY = "impetus.progress";
  /** A JVM option that only a worker started for the stream has: no warm worker takes it. */
  private static final String COLD_OPTION = "-Dimpetus.bench.cold=true";

  @Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--workload", paramLabel = "NAME", description = "w1, w2, w3, cold, memory,"
      + " streams or all (default: ${DEFAULT-VALUE})")
  private Workload workload = Workload.ALL;

  @Option(names = "--compare", description = "run the workloads on a Hazelcast executor and a"
      + " thread pool too, with as many workers, and print their ratios")
  private boolean compare;

  @Option(names = "--sweep", paramLabel = "MS,...", arity = "0..1",
      fallbackValue = Sweep.DEFAULT_LENGTHS, description = "instead of the workloads, CPU jobs"
      + " of these lengths in ms (default: " + Sweep.DEFAULT_LENGTHS + ")")
  private @Nullable String sweep;

  @Option(names = "--record", paramLabel = "FILE", arity = "0..1", description = "append every"
      + " line, with the date, commit and machine, to FILE (default: impetus-bench/"
      + "results/bench.jsonl in the source tree)")
  private @Nullable String record;

  @Option(names = "--queue", paramLabel = "HOST:PORT", description = "a running queue (with"
      + " nodes) to measure; default: start a queue and a node in this JVM")
  private @Nullable String queue;

  @Option(names = "--authkey", description = "the running queue's authorization key (else"
      + " --authkey-file, else $" + Authkey.ENVIRONMENT_VARIABLE + ")")
  private @Nullable String authkey;

  @Option(names = "--authkey-file", paramLabel = "FILE",
      description = "file whose first line is the running queue's authorization key")
  private @Nullable Path authkeyFile;

  @Option(names = "--fsync", paramLabel = "MODE", description = "the embedded queue's journal"
      + " syncs: always (group commit), interval or never (default: ${DEFAULT-VALUE})")
  private FsyncMode fsync = FsyncMode.ALWAYS;

  @Option(names = "--workers", description = "workers per stream (default: ${DEFAULT-VALUE})")
  private int workers = 2;

  @Option(names = "--capacity", description = "the embedded node's workers in all (default:"
      + " --workers, as many as the other peers have)")
  private @Nullable Integer capacity;

  @Option(names = "--streams", description = "clients, each with its own stream, in the streams"
      + " workload (default: ${DEFAULT-VALUE})")
  private int streams = 20;

  @Option(names = "--worker-jvm-options", paramLabel = "OPTIONS", description = "JVM options"
      + " for the workers (the streams' jvmoptions property), e.g. to profile them")
  private @Nullable String workerJvmOptions;

  @Option(names = "--runs", description = "measured runs; the median is reported (default:"
      + " ${DEFAULT-VALUE})")
  private int runs = 3;

  @Option(names = "--warmup", description = "unmeasured runs first (default: ${DEFAULT-VALUE})")
  private int warmup = 1;

  @Option(names = "--scale", description = "multiplies every workload's job count, e.g. 0.01"
      + " for a quick check (default: ${DEFAULT-VALUE})")
  private double scale = 1.0;

  @Option(names = "--patience", paramLabel = "SECONDS", description = "give up when no result"
      + " arrives for this long while some are due (default: ${DEFAULT-VALUE})")
  private int patienceSeconds = 60;

  @Option(names = "--dir", paramLabel = "DIR", description = "where the embedded queue's journal"
      + " and the clients' task logs go (default: a temporary directory, deleted afterwards)")
  private @Nullable Path dir;

  private final PrintStream out;
  private final Clock clock;
  private @Nullable Recorder recorder;
  /** Why workloads that print their line regardless (streams) failed, to end with. */
  private final List<String> failures = new ArrayList<>();

  /** A benchmark printing its JSON lines to {@code out}, reading the date from {@code clock}. */
  Bench(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Runs the benchmark; see {@code --help}. */
  public static void main(String[] args) {
    DaemonLogging.install();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    System.exit(commandLine(System.out).execute(args));
  }

  /** The command line of a benchmark printing to {@code out}. */
  static CommandLine commandLine(PrintStream out) {
    return oneLineErrors(new CommandLine(new Bench(out, Clock.systemUTC())), "impetus bench");
  }

  /**
   * {@code command} set up as the benchmark's commands are: enum values in any case, a bad
   * option one line on standard error naming {@code name} (status 2), a failure once running one
   * line too (status 1).
   */
  static CommandLine oneLineErrors(CommandLine command, String name) {
    return command.setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler((error, args) -> {
          CommandLine failed = error.getCommandLine();
          failed.getErr().println(name + ": " + error.getMessage() + " (see --help)");
          return failed.getCommandSpec().exitCodeOnInvalidInput();
        })
        .setExecutionExceptionHandler((error, commandLine, parsed) -> {
          commandLine.getErr().println(name + ": " + error.getMessage());
          return 1;
        });
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path recordFile = check();
    System.setProperty(PROGRESS_PROPERTY, "off");
    if (recordFile != null) {
      recorder = Recorder.open(recordFile, clock.instant());
    }
    Path root = dir != null ? Files.createDirectories(dir)
        : Files.createTempDirectory("impetus-bench");
    try {
      if (sweep == null) {
        workloads(root);
      } else {
        sweep(Sweep.parse(sweep), root);
      }
    } finally {
      if (dir == null) {
        deleteTree(root);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failures));
    }
    return 0;
  }

  /** Runs the selected workloads on Impetus, then, with --compare, on the other peers. */
  private void workloads(Path root) throws IOException, InterruptedException {
    Map<Workload, Map<String, Map<String, Object>>> measured = new EnumMap<>(Workload.class);
    List<Workload> selected;
    try (ImpetusPeer impetus = impetus(root)) {
      selected = selected(impetus.target());
      for (Workload each : selected) {
        measure(each, impetus, measured);
      }
    }
    if (!compare) {
      return;
    }
    List<Workload> shared = selected.stream().filter(Workload::shared).toList();
    try (Peer hazelcast = hazelcast(root)) {
      for (Workload each : shared) {
        measure(each, hazelcast, measured);
      }
    }
    try (Peer pool = new PoolPeer(workers, patience())) {
      for (Workload each : shared) {
        measure(each, pool, measured);
      }
    }
    for (Workload each : shared) {
      Map<String, Object> line = Ratios.line(name(each), each.compared, measured.get(each));
      line.put("version", version());
      print(line);
    }
  }

  /** Runs the sweep on Impetus, Hazelcast with --compare, and the pool. */
  private void sweep(List<Integer> lengths, Path root) throws IOException, InterruptedException {
    Sweep sweep = new Sweep(lengths, scale, workers, warmup, runs);
    try (Peer impetus = impetus(root)) {
      sweep.measure(impetus);
    }
    if (compare) {
      try (Peer hazelcast = hazelcast(root)) {
        sweep.measure(hazelcast);
      }
    }
    try (Peer pool = new PoolPeer(workers, patience())) {
      sweep.measure(pool);
    }
    for (Map<String, Object> line : sweep.lines()) {
      line.put("version", version());
      print(line);
    }
  }

  private Peer hazelcast(Path root) throws InterruptedException {
    return HazelcastPeer.start(workers, root.resolve("hazelcast.log"), patience());
  }

  /** Measures a workload on a peer, prints its line and keeps it for the ratios. */
  private void measure(Workload which, Peer peer,
      Map<Workload, Map<String, Map<String, Object>>> measured)
      throws IOException, InterruptedException {
    System.err.printf(Locale.ROOT, "impetus bench: %s on %s ...%n", name(which), peer.name());
    peer.settle();
    Map<String, Object> line = line(which, peer, figures(which, peer));
    print(line);
    measured.computeIfAbsent(which, w -> new LinkedHashMap<>()).put(peer.name(), line);
  }

  private void print(Map<String, Object> line) throws IOException {
    out.println(JSON.writeValueAsString(line));
    out.flush();
    if (recorder != null) {
      recorder.append(line);
    }
  }

  /** Checks the options; returns the file to record to, or null. */
  private @Nullable Path check() {
    if (runs < 1 || warmup < 0 || workers < 1 || !(scale > 0) || patienceSeconds < 1
        || streams < 1 || capacity != null && capacity < 1) {
      throw new ParameterException(spec.commandLine(), "--runs, --workers, --streams, --capacity"
          + " and --patience must be at least 1, --warmup at least 0, --scale above 0");
    }
    if (queue != null && capacity != null) {
      throw new ParameterException(spec.commandLine(), "--capacity is the embedded node's; leave"
          + " out --queue");
    }
    if (queue == null && (authkey != null || authkeyFile != null)) {
      throw new ParameterException(spec.commandLine(),
          "--authkey and --authkey-file are for a running queue: give its --queue");
    }
    if (queue != null && workload == Workload.MEMORY) {
      throw new ParameterException(spec.commandLine(), "--workload memory measures the queue in"
          + " this JVM; leave out --queue");
    }
    if (compare && queue != null) {
      throw new ParameterException(spec.commandLine(), "--compare sets the other systems up on"
          + " this machine, as the embedded queue and node; leave out --queue");
    }
    if (sweep != null) {
      if (queue != null) {
        throw new ParameterException(spec.commandLine(), "--sweep compares with a thread pool on"
            + " this machine, as the embedded queue and node; leave out --queue");
      }
      if (spec.commandLine().getParseResult().hasMatchedOption("--workload")) {
        throw new ParameterException(spec.commandLine(), "--sweep runs its own jobs instead of"
            + " the workloads; leave out --workload");
      }
      try {
        Sweep.parse(sweep);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--sweep: " + e.getMessage());
      }
    }
    if (compare && workload != Workload.ALL && !workload.shared()) {
      throw new ParameterException(spec.commandLine(), "--workload " + name(workload)
          + " runs on Impetus only; --compare takes w1, w2, w3, streams or all");
    }
    return recordFile();
  }

  private @Nullable Path recordFile() {
    try {
      return record == null ? null : Recorder.file(record);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--record: " + e.getMessage());
    }
  }

  private ImpetusPeer impetus(Path root) throws IOException {
    String fsyncLabel = queue == null ? name(fsync) : "queue's own";
    return new ImpetusPeer(target(root), createDirectories(root.resolve("tasks")),
        streamProperties(), patience(), fsyncLabel);
  }

  private Duration patience() {
    return Duration.ofSeconds(patienceSeconds);
  }

  private BenchTarget target(Path root) throws IOException {
    if (queue == null) {
      return BenchTarget.embedded(Files.createDirectories(root.resolve("queue")), fsync, workers,
          capacity == null ? workers : capacity, root.resolve("workers.log"));
    }
    HostAndPort address;
    try {
      address = HostAndPort.parse(queue);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--queue: " + e.getMessage());
    }
    return BenchTarget.remote(address, Authkey.resolve(authkey, authkeyFile,
        System.getenv(Authkey.ENVIRONMENT_VARIABLE)));
  }

  /** The properties of Impetus's streams. */
  private Map<String, String> streamProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put(StreamProperties.MPPS, Integer.toString(workers));
    if (workerJvmOptions != null) {
      properties.put(StreamProperties.JVM_OPTIONS, workerJvmOptions);
    }
    return properties;
  }

  private List<Workload> selected(BenchTarget target) {
    if (workload != Workload.ALL) {
      return List.of(workload);
    }
    List<Workload> all = new ArrayList<>(List.of(Workload.W1, Workload.W2, Workload.W3,
        Workload.COLD));
    if (target.queue().isPresent()) {
      all.add(Workload.MEMORY);
    }
    all.add(Workload.STREAMS);
    return all;
  }

  /**
   * A workload's line: the peer, the workload, its figures, then (but for {@code memory}) the
   * runs, the workers and the peer's settings, and the version.
   */
  private Map<String, Object> line(Workload which, Peer peer, Map<String, Object> figures) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("peer", peer.name());
    line.put("workload", name(which));
    line.putAll(figures);
    line.replaceAll((key, value) -> value instanceof Double d ? Figures.rounded(d) : value);
    if (which != Workload.MEMORY) {
      line.put("runs", runs);
      line.put("workers", workers);
      line.putAll(peer.settings());
    }
    line.put("version", version());
    return line;
  }

  /** Measures a workload on a peer: its figures, then the jobs of a run. */
  private Map<String, Object> figures(Workload which, Peer peer) throws InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    switch (which) {
      case W1, W2, W3 -> {
        Rounds rounds = rounds(which);
        peer.run(rounds);
        figures.putAll(rounds.figures());
        figures.put("jobs", jobs(which));
      }
      case STREAMS -> {
        ManyStreams many = new ManyStreams(streams, scaled(200), 1_000, workers, warmup, runs);
        many.run(peer);
        String failure = many.failure();
        if (failure != null) {
          System.err.printf(Locale.ROOT, "impetus bench: streams on %s: %s%n", peer.name(),
              failure);
          failures.add("streams on " + peer.name() + ": " + failure);
        }
        figures.putAll(many.figures());
        figures.put("streams", streams);
        figures.put("jobs_per_stream", scaled(200));
        figures.put("jobs", streams * scaled(200));
      }
      case COLD -> {
        ImpetusPeer impetus = impetusOnly(which, peer);
        figures.put("cold_start_ms", coldStart(impetus, false));
        figures.put("warm_start_ms", coldStart(impetus, true));
      }
      case MEMORY -> {
        impetusOnly(which, peer);
        figures.put("bytes_per_waiting_job", QueueMemory.bytesPerWaitingJob(scaled(1_000_000)));
        figures.put("jobs", scaled(1_000_000));
      }
      default -> throw new IllegalArgumentException("not a single workload: " + which);
    }
    return figures;
  }

  private static ImpetusPeer impetusOnly(Workload which, Peer peer) {
    if (peer instanceof ImpetusPeer impetus) {
      return impetus;
    }
    throw new IllegalArgumentException(which + " runs on Impetus only, not on " + peer.name());
  }

  /** The definition of a workload that every peer runs. */
  private Rounds rounds(Workload which) {
    return switch (which) {
      case W1 -> new TinyJobs(jobs(which), scaled(500), warmup, runs);
      case W2 -> new CpuJobs("w2", jobs(which), 10_000, workers, warmup, runs);
      case W3 -> new PayloadJobs(jobs(which), 100 * 1024, warmup, runs);
      default -> throw new IllegalArgumentException(which + " runs on Impetus only");
    };
  }

  /** How many jobs a run of a workload submits. */
  private int jobs(Workload which) {
    return switch (which) {
      case W1 -> scaled(20_000);
      case W2 -> scaled(400);
      case W3 -> scaled(2_000);
      default -> throw new IllegalArgumentException(which + " has no job count");
    };
  }

  /**
   * A new stream's first result: on a worker JVM started for it (the stream asks for JVM options
   * of its own, which no warm worker has), or, {@code warm}, on a warm worker that is ready.
   */
  private double coldStart(ImpetusPeer peer, boolean warm) throws InterruptedException {
    Map<String, String> properties = new HashMap<>(peer.properties());
    if (!warm) {
      properties.merge(StreamProperties.JVM_OPTIONS, COLD_OPTION,
          (options, cold) -> options + " " + cold);
    }
    double[] millis = new double[runs];
    for (int run = -warmup; run < runs; run++) {
      peer.settle();
      if (warm) {
        peer.awaitWarmWorker();
      }
      ColdStart client = new ColdStart(peer.target(), peer.taskdir(), properties);
      peer.run(client);
      if (run >= 0) {
        millis[run] = client.millis();
      }
    }
    return Figures.median(millis);
  }

  private int scaled(int count) {
    return (int) Math.max(1, Math.round(count * scale));
  }

  private static Path createDirectories(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String version() {
    String version = Bench.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Deletes {@code root} and everything in it, if it exists. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
