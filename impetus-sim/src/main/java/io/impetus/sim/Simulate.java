package io.impetus.sim;

import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.sim.trace.CsvTraceReader;
import io.impetus.sim.trace.SyntheticTrace;
import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceFormatException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code impetus-simulate}: replays traces against scaling policies and prints, per policy and
 * trace, the cost in node-seconds and its ratio to the clairvoyant bound, queue waits, peak
 * nodes, scale events and interrupted jobs; a table, or one JSON line per run with {@code
 * --json}. A bad option is one line on standard error and status 2; a missing or malformed CSV
 * trace is one line naming the file (and line) and status 1.
 */
@Command(name = "impetus-simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Replays job traces against auto-scaling policies on a simulated cluster.")
public final class Simulate implements Callable<Integer> {

  private static final String ALL = "all";

  private String trace = ALL;
  private String policy = ALL;
  private Duration startup = Duration.ofSeconds(30);

  @Option(names = "--seed", order = 4, paramLabel = "N", defaultValue = "1",
      description = "seed of the generated traces (default: ${DEFAULT-VALUE})")
  private long seed = 1;

  @Option(names = "--csv", order = 5, paramLabel = "FILE",
      description = "replay this trace instead: lines 'arrival,duration' in seconds")
  private @Nullable Path csv;

  @Option(names = "--json", order = 6,
      description = "one JSON line per policy and trace, not a table")
  private boolean json;

  private int slots = 8;
  private int maxNodes = 10;
  private Duration grace = Duration.ofMinutes(10);
  private Duration heartbeat = Duration.ofSeconds(10);
  private @Nullable Duration drainTarget;
  private @Nullable Duration idleTime;

  @Option(names = "--assign", order = 11, paramLabel = "fifo|pack", defaultValue = "fifo",
      description = "which worker gets the next job: fifo (default), or pack (the busiest"
          + " node with room, as the queue tries to)")
  private Assignment assignment = Assignment.FIFO;

  @Spec
  private @Nullable CommandSpec spec;

  /** Runs the command; exits with its status. */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true),
        new PrintWriter(System.err, true)));
  }

  /** Runs the command with these streams; returns its status. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine command = new CommandLine(new Simulate()).setOut(out).setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true);
    command.setParameterExceptionHandler((e, ignored) -> {
      err.println("impetus-simulate: " + e.getMessage() + " (see --help)");
      return 2;
    });
    command.setExecutionExceptionHandler((e, failed, parsed) -> {
      err.println("impetus-simulate: " + e.getMessage());
      return 1;
    });
    return command.execute(args);
  }

  @Option(names = "--trace", order = 1, paramLabel = "NAME", defaultValue = ALL,
      description = "steady, bursty, diurnal, spike or all (default)")
  void trace(String value) {
    String name = value.strip().toLowerCase(Locale.ROOT);
    if (!name.equals(ALL) && shape(name) == null) {
      throw bad("unknown trace '" + value + "' (steady, bursty, diurnal, spike, all)");
    }
    trace = name;
  }

  @Option(names = "--policy", order = 2, paramLabel = "NAME", defaultValue = ALL,
      description = "default, baseline or all (default)")
  void policy(String value) {
    String name = value.strip().toLowerCase(Locale.ROOT);
    if (!name.equals(ALL) && !PolicyRegistry.names().contains(name)) {
      throw bad("unknown policy '" + value + "' (" + String.join(", ", PolicyRegistry.names())
          + ", all)");
    }
    policy = name;
  }

  @Option(names = "--startup", order = 3, paramLabel = "SECONDS", defaultValue = "30",
      description = "node start-up time (default ${DEFAULT-VALUE}, EC2-like; 2 for local)")
  void startup(double seconds) {
    startup = duration("--startup", seconds, true);
  }

  @Option(names = "--slots", order = 7, paramLabel = "N", defaultValue = "8",
      description = "workers per node (default ${DEFAULT-VALUE})")
  void slots(int value) {
    if (value < 1) {
      throw bad("--slots must be at least 1, not " + value);
    }
    slots = value;
  }

  @Option(names = "--max-nodes", order = 8, paramLabel = "N", defaultValue = "10",
      description = "the most nodes, for every policy (default ${DEFAULT-VALUE})")
  void maxNodes(int value) {
    if (value < 1) {
      throw bad("--max-nodes must be at least 1, not " + value);
    }
    maxNodes = value;
  }

  @Option(names = "--grace", order = 9, paramLabel = "SECONDS", defaultValue = "600",
      description = "drain grace: a draining node kills jobs still running after it"
          + " (default ${DEFAULT-VALUE}; the node's own default is 30)")
  void grace(double seconds) {
    grace = duration("--grace", seconds, true);
  }

  @Option(names = "--heartbeat", order = 10, paramLabel = "SECONDS", defaultValue = "10",
      description = "how often nodes report their load; 0: the policy sees the truth"
          + " (default ${DEFAULT-VALUE})")
  void heartbeat(double seconds) {
    heartbeat = duration("--heartbeat", seconds, true);
  }

  @Option(names = "--drain-target", order = 12, paramLabel = "SECONDS",
      description = "the default policy's drain target (default 60)")
  void drainTarget(double seconds) {
    drainTarget = duration("--drain-target", seconds, false);
  }

  @Option(names = "--idle-time", order = 13, paramLabel = "SECONDS",
      description = "the default policy's idle time before a drain (default 0)")
  void idleTime(double seconds) {
    idleTime = duration("--idle-time", seconds, true);
  }

  @Override
  public Integer call() throws TraceFormatException {
    if (csv != null && spec().commandLine().getParseResult().hasMatchedOption("--trace")) {
      throw bad("give --csv or --trace, not both");
    }
    List<Trace> traces = traces();
    SimulationConfig config = SimulationConfig.builder().startup(startup).slotsPerNode(slots)
        .grace(grace).heartbeat(heartbeat).assignment(assignment).build();
    DefaultPolicyConfig.Builder policyConfig = DefaultPolicyConfig.builder()
        .slotsPerNode(slots).maxNodes(maxNodes);
    if (drainTarget != null) {
      policyConfig.drainTarget(drainTarget);
    }
    if (idleTime != null) {
      policyConfig.idleTime(idleTime);
    }
    DefaultPolicyConfig settings = policyConfig.build();
    List<String> policies = policy.equals(ALL) ? PolicyRegistry.names() : List.of(policy);
    Simulator simulator = new Simulator(config);
    List<SimulationResult> results = new ArrayList<>();
    PrintWriter out = spec().commandLine().getOut();
    for (Trace t : traces) {
      for (String name : policies) {
        SimulationResult result = simulator.run(t, PolicyRegistry.create(name, settings), name);
        results.add(result);
        if (json) {
          out.println(ResultJson.format(result, jsonSettings(settings)));
        }
      }
    }
    if (!json) {
      out.printf(Locale.ROOT, "start-up %s s, %d slots per node, at most %d nodes, grace %s s,"
          + " heartbeat %s s, drain target %s s, idle time %s s, %s assignment, %s%n",
          seconds(startup), slots, maxNodes, seconds(grace), seconds(heartbeat),
          seconds(settings.drainTarget()), seconds(settings.idleTime()),
          assignment.name().toLowerCase(Locale.ROOT), csv != null ? "trace " + csv
              : "seed " + seed);
      out.print(ResultTable.format(results));
    }
    out.flush();
    return 0;
  }

  private List<Trace> traces() throws TraceFormatException {
    if (csv != null) {
      return List.of(CsvTraceReader.read(csv));
    }
    List<Trace> traces = new ArrayList<>();
    for (SyntheticTrace shape : SyntheticTrace.values()) {
      if (trace.equals(ALL) || trace.equals(shape.label())) {
        traces.add(shape.generate(seed));
      }
    }
    return traces;
  }

  private Map<String, Object> jsonSettings(DefaultPolicyConfig settings) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("startupSeconds", startup.toMillis() / 1000.0);
    fields.put("slots", slots);
    fields.put("maxNodes", maxNodes);
    fields.put("graceSeconds", grace.toMillis() / 1000.0);
    fields.put("heartbeatSeconds", heartbeat.toMillis() / 1000.0);
    fields.put("drainTargetSeconds", settings.drainTarget().toMillis() / 1000.0);
    fields.put("idleTimeSeconds", settings.idleTime().toMillis() / 1000.0);
    fields.put("assignment", assignment.name().toLowerCase(Locale.ROOT));
    fields.put("seed", csv != null ? "csv" : Long.toString(seed));
    return fields;
  }

  private static @Nullable SyntheticTrace shape(String name) {
    for (SyntheticTrace shape : SyntheticTrace.values()) {
      if (shape.label().equals(name)) {
        return shape;
      }
    }
    return null;
  }

  private Duration duration(String option, double seconds, boolean zeroAllowed) {
    if (Double.isNaN(seconds) || seconds < 0 || (!zeroAllowed && seconds == 0)
        || seconds > 1e7) {
      throw bad(option + " must be " + (zeroAllowed ? "at least 0" : "more than 0")
          + " seconds, not " + seconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static String seconds(Duration duration) {
    double s = duration.toMillis() / 1000.0;
    return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec().commandLine(), message);
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec;
  }
}
