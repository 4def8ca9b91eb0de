package io.impetus.daemon;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of a daemon that connects to the queue (the node, the DFS), with the original's
 * letters: {@code -q/--queue HOST}, {@code -p/--qport PORT}, {@code -a/--qauthkey KEY} and
 * {@code --authkey-file FILE}, and {@code --wait-for-queue SECONDS}. A picocli mixin.
 */
public final class QueueOptions {

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

  @Option(names = "--wait-for-queue", paramLabel = "SECONDS", description = "how long the queue"
      + " may be unreachable, at start or later, before the daemon gives up and exits with"
      + " status 1 (default: for as long as it takes)")
  private @Nullable Long queueWaitSeconds;

  /** The queue's host, as given. */
  public String host() {
    return host;
  }

  /** The queue's port. */
  public int port() {
    return port;
  }

  /** The queue's address. */
  public HostAndPort address() {
    return new HostAndPort(host, port);
  }

  /**
   * How long the queue may be unreachable before the daemon gives up, or null for ever.
   *
   * @throws IllegalArgumentException when the option is not positive
   */
  public @Nullable Duration queueWait() {
    if (queueWaitSeconds == null) {
      return null;
    }
    if (queueWaitSeconds <= 0) {
      throw new IllegalArgumentException("--wait-for-queue must be a positive number of seconds,"
          + " not " + queueWaitSeconds);
    }
    return Duration.ofSeconds(queueWaitSeconds);
  }

  /**
   * The key: {@code -a}, else {@code --authkey-file}, else {@code $IMPETUS_AUTHKEY}, else the
   * default.
   *
   * @throws IllegalArgumentException when the key file cannot be read
   */
  public Authkey authkey() {
    return Authkey.resolve(authkey, authkeyFile, System.getenv(Authkey.ENVIRONMENT_VARIABLE));
  }
}
