package io.impetus.node;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The node daemon: {@code impetus-node [options] foreground}. Implements Commons Daemon's {@link
 * Daemon} so that {@code jsvc} or {@code procrun} can run it. Exits when the queue goes away.
 *
 * <p>Not thread-safe; the daemon framework calls it from one thread.
 */
@Command(name = "impetus-node", mixinStandardHelpOptions = true,
    description = "Runs an Impetus node: spawns workers for the queue's streams.")
public final class NodeDaemon implements Daemon, Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTION",
      description = "foreground: run attached to the terminal, logging to it")
  private String action = "";

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

  private @Nullable Node node;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Runs the daemon from the command line; exits with its status. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/impetus/core/daemon-logback.xml");
    }
    System.exit(new CommandLine(new NodeDaemon()).execute(args));
  }

  @Override
  public Integer call() {
    if (!"foreground".equals(action)) {
      System.err.println("impetus-node: unknown action '" + action + "' (try foreground)");
      return 2;
    }
    try {
      start();
    } catch (IllegalArgumentException | PeerException e) {
      System.err.println("impetus-node: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "node-shutdown"));
    Node running = node;
    running.closeFuture().thenRun(stopped::countDown);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (this.node != null) {
      LoggerFactory.getLogger(NodeDaemon.class).error("lost the queue at {}:{}; stopping",
          host, port);
      stop();
      return 1;
    }
    return 0;
  }

  @Override
  public void init(DaemonContext context) {
    new CommandLine(this).parseArgs(context.getArguments());
  }

  @Override
  public void start() {
    NodeConfig config = NodeConfig.builder(new HostAndPort(host, port))
        .authkey(Authkey.resolve(authkey, authkeyFile,
            System.getenv(Authkey.ENVIRONMENT_VARIABLE)))
        .mpps(mpps)
        .build();
    node = Node.start(config);
  }

  @Override
  public void stop() {
    Node running = node;
    if (running != null) {
      node = null;
      running.close();
      LoggerFactory.getLogger(NodeDaemon.class).info("node stopped");
    }
    stopped.countDown();
  }

  @Override
  public void destroy() {
    stop();
  }
}
