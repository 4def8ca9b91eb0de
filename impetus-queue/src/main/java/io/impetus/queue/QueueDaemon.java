package io.impetus.queue;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.daemon.DaemonCommand;
import io.impetus.daemon.DaemonLogging;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The queue daemon: {@code impetus-queue [options] start|stop|restart|foreground}. Implements
 * Commons Daemon's {@link Daemon} so that {@code jsvc} or {@code procrun} can run it: {@link #init}
 * parses the arguments (without an action), {@link #start} listens, {@link #stop} closes.
 *
 * <p>Not thread-safe; the daemon framework calls it from one thread.
 */
@Command(name = "impetus-queue", mixinStandardHelpOptions = true,
    description = "Runs the Impetus queue.")
public final class QueueDaemon implements Daemon, Callable<Integer> {

  @Mixin
  private DaemonCommand lifecycle = new DaemonCommand();

  @Option(names = {"-q", "--queue"}, paramLabel = "ADDRESS",
      description = "address to bind the queue to (default: ${DEFAULT-VALUE})")
  private String host = "127.0.0.1";

  @Option(names = {"-p", "--port"}, description = "port to bind the queue to (default: "
      + "${DEFAULT-VALUE})")
  private int port = QueueConfig.DEFAULT_PORT;

  @Option(names = {"-a", "--authkey"}, description = "authorization key (else --authkey-file, "
      + "else $" + Authkey.ENVIRONMENT_VARIABLE + ")")
  private @Nullable String authkey;

  @Option(names = "--authkey-file", paramLabel = "FILE",
      description = "file whose first line is the authorization key")
  private @Nullable Path authkeyFile;

  @Option(names = "--data", paramLabel = "DIR", description = "directory of the journal and the"
      + " code bundles, created when missing (default: ~/.impetus/queue-<port>)")
  private @Nullable Path data;

  @Option(names = "--fsync", paramLabel = "MODE", description = "when journal writes are synced"
      + " to disk: always (before each acknowledgement, with group commit), interval, never"
      + " (default: ${DEFAULT-VALUE})")
  private FsyncMode fsync = FsyncMode.ALWAYS;

  @Option(names = "--fsync-interval", paramLabel = "MILLIS",
      description = "how often --fsync interval syncs (default: ${DEFAULT-VALUE} ms)")
  private long fsyncIntervalMillis = JournalSettings.defaults().fsyncInterval().toMillis();

  @Option(names = "--lease-timeout", paramLabel = "SECONDS", description = "a worker whose node"
      + " sends no heartbeat for this long loses its jobs to other workers (default:"
      + " ${DEFAULT-VALUE} s)")
  private long leaseTimeoutSeconds = 30;

  @Option(names = "--retention", paramLabel = "HOURS", description = "a stream whose client"
      + " went away and did not come back is deleted after this long (default: ${DEFAULT-VALUE}"
      + " h)")
  private long retentionHours = 7 * 24;

  @Option(names = "--lease-order", paramLabel = "ORDER", description = "which idle worker of a"
      + " stream gets its next job: pack (a worker of the node busiest with the stream, so that"
      + " other nodes fall idle and can be drained) or fifo (the longest waiting, which spreads"
      + " work over every node) (default: ${DEFAULT-VALUE})")
  private LeaseOrder leaseOrder = LeaseOrder.PACK;

  private @Nullable QueueServer server;

  /** Runs the daemon from the command line; exits with its status. */
  public static void main(String[] args) {
    DaemonLogging.install();
    System.exit(DaemonCommand.execute(new QueueDaemon(), args));
  }

  @Override
  public Integer call() {
    return lifecycle.run("Queue", this, CompletableFuture::new);
  }

  @Override
  public void init(DaemonContext context) {
    new CommandLine(this).setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(context.getArguments());
  }

  @Override
  public void start() {
    Path directory = data != null ? data.toAbsolutePath()
        : Path.of(System.getProperty("user.home"), ".impetus", "queue-" + port);
    QueueConfig config = QueueConfig.builder()
        .bind(new HostAndPort(host, port))
        .authkey(Authkey.resolve(authkey, authkeyFile,
            System.getenv(Authkey.ENVIRONMENT_VARIABLE)))
        .data(directory)
        .journal(JournalSettings.defaults().withFsync(fsync)
            .withFsyncInterval(Duration.ofMillis(fsyncIntervalMillis)))
        .leaseTimeout(Duration.ofSeconds(leaseTimeoutSeconds))
        .retention(Duration.ofHours(retentionHours))
        .leaseOrder(leaseOrder)
        .build();
    server = QueueServer.start(config);
    log().info("queue listening on {}; journal in {} (fsync {})", server.address(), directory,
        fsync.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public void stop() {
    QueueServer running = server;
    if (running != null) {
      server = null;
      running.close();
      log().info("queue stopped");
    }
  }

  @Override
  public void destroy() {
    stop();
  }

  private static Logger log() {
    return LoggerFactory.getLogger(QueueDaemon.class);
  }
}
