package io.impetus.node;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.daemon.DaemonCommand;
import io.impetus.daemon.DaemonLogging;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
 * queue: when the queue goes away the node reconnects (see {@link Node}) and carries on.
 *
 * <p>Not thread-safe; the daemon framework calls it from one thread.
 */
@Command(name = "impetus-node", mixinStandardHelpOptions = true,
    description = "Runs an Impetus node: spawns workers for the queue's streams.")
public final class NodeDaemon implements Daemon, Callable<Integer> {

  @Mixin
  private DaemonCommand lifecycle = new DaemonCommand();

  @Option(names = {"-q", "--queue"}, paramLabel = "HOST",
      description = "host of the queue (default: ${DEFAULT-VALUE})")
  private String host = "127.0.0.1";

  @Option(names = {"-p", "--qport"}, description = "port of the queue (default: ${DEFAULT-VALUE})")
  private int port = 50000;

  @Option(names = {"-a", "--qauthkey"}, description = "the queue's authorization key (else "
      + "--authkey-file, else $" + Authkey.ENVIRONMENT_VARIABLE + ")")
  private @Nullable String authkey;

  @Option(names = "--authkey-file", paramLabel = "FILE",
      description = "file whose first line is the queue's authorization key")
  private @Nullable Path authkeyFile;

  @Option(names = {"-m", "--mpps"},
      description = "max number of worker processes per stream (default: ${DEFAULT-VALUE})")
  private int mpps = NodeConfig.DEFAULT_MPPS;

  private volatile @Nullable Node node;
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
    NodeConfig config = NodeConfig.builder(new HostAndPort(host, port))
        .authkey(Authkey.resolve(authkey, authkeyFile,
            System.getenv(Authkey.ENVIRONMENT_VARIABLE)))
        .mpps(mpps)
        .build();
    Node started = Node.start(config);
    node = started;
    started.closeFuture().whenComplete((value, error) -> {
      if (node == started) {
        endedByItself.complete(null);
      }
    });
  }

  @Override
  public void stop() {
    Node running = node;
    if (running != null) {
      node = null;
      running.close();
      LoggerFactory.getLogger(NodeDaemon.class).info("node stopped");
    }
  }

  @Override
  public void destroy() {
    stop();
  }
}
