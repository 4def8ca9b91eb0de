package io.impetus.node;

import io.impetus.daemon.DaemonCommand;
import io.impetus.daemon.DaemonLogging;
import io.impetus.daemon.QueueOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The node daemon: {@code impetus-node [options] start|stop|restart|foreground}. Implements
 * Commons Daemon's {@link Daemon} so that {@code jsvc} or {@code procrun} can run it. Outlives its
 * queue: when the queue goes away the node reconnects (see {@link NodeServer}) and carries on.
 *
 * <p>Not thread-safe; the daemon framework calls it from one thread.
 */
@Command(name = "impetus-node", mixinStandardHelpOptions = true,
    description = "Runs an Impetus node: spawns workers for the queue's streams.")
public final class NodeDaemon implements Daemon, Callable<Integer> {

  @Mixin
  private DaemonCommand lifecycle = new DaemonCommand();

  @Mixin
  private QueueOptions queue = new QueueOptions();

  @Option(names = {"-m", "--mpps"},
      description = "max number of worker processes per stream (default: ${DEFAULT-VALUE})")
  private int mpps = NodeConfig.DEFAULT_MPPS;

  @Option(names = {"-c", "--capacity"},
      description = "max number of worker processes in all (default: 4 x mpps)")
  private @Nullable Integer capacity;

  @Option(names = "--warm", paramLabel = "N", description = "warm workers: JVMs started ahead of"
      + " need, each handed to the first stream that needs a worker (default: one per two"
      + " processors, 1 to 4; 0 for none)")
  private @Nullable Integer warm;

  @Option(names = "--grace", paramLabel = "SECONDS", description = "on stop or a drain request,"
      + " how long running jobs may take before their workers are killed (default:"
      + " ${DEFAULT-VALUE})")
  private long graceSeconds = 30;

  @Option(names = "--id", paramLabel = "NODE_ID", description = "the id the node registers"
      + " under (default: node-<random>); the DFS names the nodes it starts")
  private @Nullable String nodeId;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "where code bundles are cached (default: <tmp>/impetus-bundles)")
  private @Nullable Path cache;

  /** How long past the grace period a drain may take to report and deregister. */
  private static final long DRAIN_SLACK_SECONDS = 10;

  private volatile @Nullable NodeServer node;
  /** Completed when the node ends without {@link #stop()}: the queue refused it. */
  private final CompletableFuture<Void> endedByItself = new CompletableFuture<>();

  /** Runs the daemon from the command line; exits with its status. */
  public static void main(String[] args) {
    DaemonLogging.install();
    System.exit(DaemonCommand.execute(new NodeDaemon(), args));
  }

  @Override
  public Integer call() {
    return lifecycle.run("Node", this, () -> node.closeFuture());
  }

  @Override
  public void init(DaemonContext context) {
    new CommandLine(this).parseArgs(context.getArguments());
    lifecycle.stopWhenEnded(context, endedByItself);
  }

  @Override
  public void start() {
    if (graceSeconds < 0) {
      throw new IllegalArgumentException("--grace must not be negative, not " + graceSeconds);
    }
    NodeConfig.Builder builder = NodeConfig.builder(queue.address())
        .authkey(queue.authkey())
        .mpps(mpps);
    if (capacity != null) {
      builder.capacity(capacity);
    }
    if (warm != null) {
      builder.warm(warm);
    }
    if (cache != null) {
      builder.cache(cache);
    }
    if (nodeId != null) {
      builder.nodeId(nodeId);
    }
    if (queue.queueWait() != null) {
      builder.queueWait(queue.queueWait());
    }
    NodeConfig config = builder.build();
    NodeServer started = NodeServer.start(config);
    node = started;
    started.closeFuture().whenComplete((value, error) -> {
      if (node == started) {
        endedByItself.complete(null);
      }
    });
  }

  /** Drains the node (see {@link NodeServer#drain}), then closes it. */
  @Override
  public void stop() {
    NodeServer running = node;
    if (running != null) {
      node = null;
      try {
        running.drain(Duration.ofSeconds(graceSeconds))
            .get(graceSeconds + DRAIN_SLACK_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LoggerFactory.getLogger(NodeDaemon.class).warn("drain did not finish: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.close();
      LoggerFactory.getLogger(NodeDaemon.class).info("node stopped");
    }
  }

  @Override
  public void destroy() {
    stop();
  }
}
