package io.impetus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.impetus.daemon.DaemonLogging;
import io.impetus.sim.trace.CsvTraceReader;
import io.impetus.sim.trace.SyntheticTrace;
import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceFormatException;
import io.impetus.queue.LeaseOrder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code impetus bench elastic}: the simulator's traces replayed on real processes, to measure
 * what the queue's lease order does to the DFS's cost. For each trace, a share of its jobs
 * ({@code --fraction}, drawn from the seed) is replayed {@code --speed} times faster with each
 * lease order in turn, side by side in one invocation ({@link ElasticRun}); a JSON line per
 * replay and a line of ratios (pack's figure over FIFO's) per trace go to standard output,
 * progress to standard error.
 */
@Command(name = "impetus bench elastic", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replays the simulator's traces on real node processes that the DFS starts",
        "and drains with the local provider, once with each lease order of the queue, and",
        "prints one JSON line per replay (figures in trace time: node-seconds, the bound,",
        "their ratio, waits, peak nodes, node starts, jobs started more than once) and a",
        "line of ratios, pack over fifo, per trace."})
public final class Elastic implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--trace", split = ",", paramLabel = "NAME", description = "steady, bursty,"
      + " diurnal or spike, comma-separated (default: steady,diurnal)")
  private List<SyntheticTrace> traces = List.of(SyntheticTrace.STEADY, SyntheticTrace.DIURNAL);

  @Option(names = "--csv", paramLabel = "FILE", description = "replay this recorded trace"
      + " instead: one job a line, arrival,duration in seconds (as bin/impetus-simulate reads it)")
  private @Nullable Path csv;

  @Option(names = "--order", split = ",", paramLabel = "ORDER", description = "lease orders to"
      + " replay each trace with, in turn (default: fifo,pack)")
  private List<LeaseOrder> orders = List.of(LeaseOrder.FIFO, LeaseOrder.PACK);

  @Option(names = "--speed", description = "how many times faster than the trace the replay"
      + " runs (default: ${DEFAULT-VALUE})")
  private double speed = 30;

  @Option(names = "--fraction", description = "the share of the trace's jobs replayed"
      + " (default: ${DEFAULT-VALUE})")
  private double fraction = 0.25;

  @Option(names = "--slots", description = "workers per node (default: ${DEFAULT-VALUE})")
  private int slots = 4;

  @Option(names = "--max-nodes", description = "the most nodes (default: ${DEFAULT-VALUE})")
  private int maxNodes = 5;

  @Option(names = "--seed", description = "the traces' seed (default: ${DEFAULT-VALUE})")
  private long seed = 1;

  @Option(names = "--record", paramLabel = "FILE", arity = "0..1", description = "append every"
      + " line, with the date, commit and machine, to FILE (default: impetus-bench/"
      + "results/bench.jsonl in the source tree)")
  private @Nullable String record;

  private final PrintStream out;

  Elastic(PrintStream out) {
    this.out = out;
  }

  /** Runs the replays; see {@code --help}. */
  public static void main(String[] args) {
    DaemonLogging.install("io/impetus/bench/elastic-logback.xml");
    System.exit(commandLine(System.out).execute(args));
  }

  /** The command line of replays printing to {@code out}. */
  static CommandLine commandLine(PrintStream out) {
    return Bench.oneLineErrors(new CommandLine(new Elastic(out)), "impetus bench elastic");
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!(speed >= 1) || !(fraction > 0 && fraction <= 1) || slots < 1 || maxNodes < 1) {
      throw new ParameterException(spec.commandLine(), "--speed must be at least 1, --fraction"
          + " above 0 and at most 1, --slots and --max-nodes at least 1");
    }
    Recorder recorder;
    try {
      recorder = record == null ? null : Recorder.open(Recorder.file(record), Instant.now());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--record: " + e.getMessage());
    }
    List<Trace> replayed = new ArrayList<>();
    if (csv != null) {
      try {
        replayed.add(CsvTraceReader.read(csv));
      } catch (TraceFormatException e) {
        throw new ParameterException(spec.commandLine(), "--csv: " + e.getMessage());
      }
    } else {
      traces.forEach(shape -> replayed.add(shape.generate(seed)));
    }
    System.setProperty("impetus.progress", "off");
    Path root = Files.createTempDirectory("impetus-elastic");
    try {
      for (Trace full : replayed) {
        Trace trace = thinned(full);
        Map<LeaseOrder, Map<String, Object>> measured = new LinkedHashMap<>();
        for (LeaseOrder order : orders) {
          System.err.printf(Locale.ROOT, "%s, %s leases: %d jobs over %.0f s...%n",
              trace.name(), name(order), trace.jobs().size(), trace.endMillis() / 1000.0 / speed);
          Map<String, Object> figures = new ElasticRun(trace, order, speed, slots, maxNodes,
              Files.createTempDirectory(root, trace.name() + "-" + name(order))).run();
          figures.putAll(settings());
          print(figures, recorder);
          measured.put(order, figures);
        }
        if (measured.size() == 2) {
          print(ratios(trace, measured), recorder);
        }
      }
    } finally {
      Bench.deleteTree(root);
    }
    return 0;
  }

  /** The trace with each job kept at random with probability {@code fraction}. */
  private Trace thinned(Trace full) {
    Random keep = new Random(seed);
    return new Trace(full.name(), full.jobs().stream()
        .filter(job -> keep.nextDouble() < fraction).toList());
  }

  private Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("speed", speed);
    settings.put("fraction", fraction);
    settings.put("slots", slots);
    settings.put("max_nodes", maxNodes);
    settings.put("seed", seed);
    return settings;
  }

  private static Map<String, Object> ratios(Trace trace,
      Map<LeaseOrder, Map<String, Object>> measured) {
    Map<String, Object> pack = measured.get(LeaseOrder.PACK);
    Map<String, Object> fifo = measured.get(LeaseOrder.FIFO);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("trace", trace.name());
    line.put("ratio_of", "pack/fifo");
    for (String figure : List.of("node_s", "p95_wait_s", "starts")) {
      double over = ((Number) fifo.get(figure)).doubleValue();
      line.put(figure, over == 0 ? null
          : Figures.rounded(((Number) pack.get(figure)).doubleValue() / over));
    }
    return line;
  }

  private void print(Map<String, Object> line, @Nullable Recorder recorder) throws IOException {
    Map<String, Object> tagged = new LinkedHashMap<>();
    tagged.put("workload", "elastic");
    tagged.putAll(line);
    out.println(JSON.writeValueAsString(tagged));
    out.flush();
    if (recorder != null) {
      recorder.append(tagged);
    }
  }

  private static String name(LeaseOrder order) {
    return order.name().toLowerCase(Locale.ROOT);
  }
}
