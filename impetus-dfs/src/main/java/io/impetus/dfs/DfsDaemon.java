package io.impetus.dfs;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.daemon.DaemonCommand;
import io.impetus.daemon.DaemonLogging;
import io.impetus.daemon.QueueOptions;
import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.dfs.provision.Provisioner;
import io.impetus.dfs.provision.local.LocalOptions;
import io.impetus.dfs.provision.local.LocalProvisioner;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The DFS daemon: {@code impetus-dfs [options] start|stop|restart|foreground}. Follows the queue's
 * backlog and starts and drains nodes through a provisioner (see {@link Dfs}). Implements Commons
 * Daemon's {@link Daemon} so that {@code jsvc} or {@code procrun} can run it.
 *
 * <p>Not thread-safe; the daemon framework calls it from one thread.
 */
@Command(name = "impetus-dfs", mixinStandardHelpOptions = true,
    description = "Runs the Impetus auto-scaler: starts nodes for the queue's backlog and drains"
        + " idle ones.")
public final class DfsDaemon implements Daemon, Callable<Integer> {

  @Mixin
  private DaemonCommand lifecycle = new DaemonCommand();

  @Mixin
  private QueueOptions queue = new QueueOptions();

  @Option(names = "--provider", paramLabel = "local|ec2",
      description = "how nodes are started: local (node processes on this machine) or ec2"
          + " (instances, see --ec2-...) (default: ${DEFAULT-VALUE})")
  private String provider = "local";

  @Mixin
  private Ec2Arguments ec2 = new Ec2Arguments();

  @Option(names = {"-m", "--mpps"}, description = "each started node's max worker processes per"
      + " stream, and the jobs one node runs at once for a stream (default: ${DEFAULT-VALUE})")
  private int mpps = 5;

  @Option(names = "--min-nodes", description = "nodes kept even without work (default:"
      + " ${DEFAULT-VALUE})")
  private int minNodes = 0;

  @Option(names = "--max-nodes", description = "most nodes (default: ${DEFAULT-VALUE})")
  private int maxNodes = 10;

  @Option(names = "--target", paramLabel = "SECONDS", description = "start enough nodes to"
      + " work off the backlog within this long (default: ${DEFAULT-VALUE})")
  private long targetSeconds = 60;

  @Option(names = "--idle", paramLabel = "SECONDS", description = "a node without jobs for this"
      + " long may be drained (default: ${DEFAULT-VALUE})")
  private long idleSeconds = 30;

  @Option(names = "--billing-period", paramLabel = "MINUTES", description = "retire an idle"
      + " node only near the end of each such period since its launch, as paid by the hour"
      + " (default: 0, off)")
  private long billingPeriodMinutes = 0;

  @Option(names = "--retire-window", paramLabel = "MINUTES", description = "with"
      + " --billing-period, how near its end (default: ${DEFAULT-VALUE})")
  private long retireWindowMinutes = 5;

  @Option(names = "--tick", paramLabel = "MILLIS", description = "how often the queue is read"
      + " (default: ${DEFAULT-VALUE})")
  private long tickMillis = DfsConfig.DEFAULT_TICK.toMillis();

  @Option(names = "--boot-timeout", paramLabel = "SECONDS", description = "a node that has not"
      + " registered this long after its start is stopped (default: ${DEFAULT-VALUE})")
  private long bootTimeoutSeconds = 120;

  @Option(names = "--drain-grace", paramLabel = "SECONDS", description = "how long a drained"
      + " node's running jobs may take before they are interrupted (default: ${DEFAULT-VALUE})")
  private long drainGraceSeconds = 3600;

  @Option(names = "--local-dir", paramLabel = "DIR", description = "local provider: where the"
      + " nodes' pid files, output and bundle cache go (default: ~/.impetus/dfs-local-<qport>)")
  private @Nullable Path localDirectory;

  @Option(names = "--node-classpath", paramLabel = "PATH", description = "local provider: the"
      + " nodes' classpath (default: the DFS's own)")
  private @Nullable String nodeClasspath;

  private volatile @Nullable Dfs dfs;
  /** Completed when the DFS ends without {@link #stop()}: its queue stayed away too long. */
  private final CompletableFuture<Void> endedByItself = new CompletableFuture<>();

  /** Runs the daemon from the command line; exits with its status. */
  public static void main(String[] args) {
    DaemonLogging.install();
    System.exit(DaemonCommand.execute(new DfsDaemon(), args));
  }

  @Override
  public Integer call() {
    return lifecycle.run("Dfs", this, () -> {
      Dfs running = dfs;
      return running == null ? CompletableFuture.completedFuture(null) : running.endFuture();
    });
  }

  @Override
  public void init(DaemonContext context) {
    new CommandLine(this).parseArgs(context.getArguments());
    lifecycle.stopWhenEnded(context, endedByItself);
  }

  @Override
  public void start() {
    Authkey key = queue.authkey();
    HostAndPort address = queue.address();
    DefaultPolicyConfig policy = DefaultPolicyConfig.builder()
        .minNodes(minNodes).maxNodes(maxNodes).slotsPerNode(mpps)
        .drainTarget(positiveSeconds("--target", targetSeconds))
        .idleTime(Duration.ofSeconds(notNegative("--idle", idleSeconds)))
        .billingPeriod(Duration.ofMinutes(notNegative("--billing-period", billingPeriodMinutes)))
        .retireWindow(Duration.ofMinutes(notNegative("--retire-window", retireWindowMinutes)))
        .build();
    DfsConfig config = new DfsConfig(address, key, Duration.ofMillis(tickMillis),
        positiveSeconds("--boot-timeout", bootTimeoutSeconds),
        Duration.ofSeconds(notNegative("--drain-grace", drainGraceSeconds)), mpps,
        queue.queueWait());
    Provisioner provisioner = provisioner(address, key);
    Dfs started;
    try {
      started = Dfs.start(config, provisioner, new DefaultPolicy(policy));
    } catch (RuntimeException e) {
      provisioner.close();
      throw e;
    }
    dfs = started;
    started.endFuture().whenComplete((value, error) -> {
      if (dfs == started) {
        endedByItself.complete(null);
      }
    });
  }

  private Provisioner provisioner(HostAndPort address, Authkey key) {
    if (provider.equals("ec2")) {
      return ec2.provisioner(queue.host(), queue.port(), mpps);
    }
    if (!provider.equals("local")) {
      throw new IllegalArgumentException("unknown --provider '" + provider + "' (local, ec2)");
    }
    Path directory = localDirectory != null ? localDirectory
        : Path.of(System.getProperty("user.home"), ".impetus", "dfs-local-" + queue.port());
    String classpath = nodeClasspath != null ? nodeClasspath
        : System.getProperty("java.class.path");
    return new LocalProvisioner(new LocalOptions(address, key, mpps, 0, LocalOptions.currentJava(),
        absoluteClasspath(classpath), directory.toAbsolutePath(), List.of()));
  }

  private static String absoluteClasspath(String classpath) {
    return String.join(File.pathSeparator, Arrays.stream(
        classpath.split(File.pathSeparator)).map(entry -> entry.endsWith("*")
            ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + "/*"
            : Path.of(entry).toAbsolutePath().toString()).toList());
  }

  private static Duration positiveSeconds(String option, long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException(option + " must be positive, not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  private static long notNegative(String option, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(option + " must not be negative, not " + value);
    }
    return value;
  }

  /** Stops the loop; the nodes keep running, and a DFS started again adopts them. */
  @Override
  public void stop() {
    Dfs running = dfs;
    if (running != null) {
      dfs = null;
      running.close();
    }
  }

  @Override
  public void destroy() {
    stop();
  }
}
