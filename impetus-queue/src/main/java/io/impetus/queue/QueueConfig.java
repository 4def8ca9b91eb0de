package io.impetus.queue;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.Framing;
import io.impetus.core.net.HostAndPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a queue listens and what it accepts. Immutable; built with {@link #builder()}, whose
 * {@link Builder#build()} rejects settings that do not fit together.
 *
 * @param bind the address and port to listen on (port 0: any free port)
 * @param authkey the key every peer must prove
 * @param handshakeTimeout how long a new connection may take to authenticate
 * @param maxFrame the largest frame accepted from an authenticated peer
 * @param maxConnections the most connections open at once
 * @param clock the time source for delays and leases
 * @param data the directory of the journal and the code bundles; null keeps everything in
 *     memory only (embedded queues in tests and the local demo)
 * @param journal how the journal writes
 * @param leaseTimeout how long a worker keeps its leases without a sign of life from it or its
 *     node (nodes send heartbeats three times per timeout)
 * @param retention how long a stream whose client has gone away is kept
 * @param leaseOrder which idle worker of a stream gets its next job
 */
public record QueueConfig(
    HostAndPort bind,
    Authkey authkey,
    Duration handshakeTimeout,
    int maxFrame,
    int maxConnections,
    Clock clock,
    @Nullable Path data,
    JournalSettings journal,
    Duration leaseTimeout,
    Duration retention,
    LeaseOrder leaseOrder) {

  /** The queue's default port, as the original's. */
  public static final int DEFAULT_PORT = 50000;

  /** A builder with the defaults: loopback, port 50000, the default key. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link QueueConfig}. Not thread-safe. */
  public static final class Builder {
    private HostAndPort bind = new HostAndPort("127.0.0.1", DEFAULT_PORT);
    private Authkey authkey = Authkey.of(Authkey.DEFAULT);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private int maxFrame = Framing.DEFAULT_MAX_FRAME;
    private int maxConnections = 1024;
    private Clock clock = Clock.systemUTC();
    private @Nullable Path data;
    private JournalSettings journal = JournalSettings.defaults();
    private Duration leaseTimeout = Duration.ofSeconds(30);
    private Duration retention = Duration.ofDays(7);
    private LeaseOrder leaseOrder = LeaseOrder.PACK;

    private Builder() {}

    /** Where to keep the journal and code bundles; null (the default) keeps them in memory. */
    public Builder data(@Nullable Path directory) {
      this.data = directory;
      return this;
    }

    /** How the journal writes; only used with a data directory. */
    public Builder journal(JournalSettings settings) {
      this.journal = settings;
      return this;
    }

    /** How long a worker keeps its leases without a sign of life; positive. */
    public Builder leaseTimeout(Duration timeout) {
      this.leaseTimeout = positive("lease timeout", timeout);
      return this;
    }

    /** How long a stream without its client is kept; positive. */
    public Builder retention(Duration retention) {
      this.retention = positive("retention", retention);
      return this;
    }

    /** Which idle worker of a stream gets its next job; {@link LeaseOrder#PACK} by default. */
    public Builder leaseOrder(LeaseOrder order) {
      this.leaseOrder = Objects.requireNonNull(order, "lease order");
      return this;
    }

    private static Duration positive(String what, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + value);
      }
      return value;
    }

    /** Where to listen. */
    public Builder bind(HostAndPort bind) {
      this.bind = bind;
      return this;
    }

    /** The key peers must prove. */
    public Builder authkey(Authkey authkey) {
      this.authkey = authkey;
      return this;
    }

    /** How long a new connection may take to authenticate; positive. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive("handshake timeout", timeout);
      return this;
    }

    /** The largest frame an authenticated peer may send; at least the handshake's limit. */
    public Builder maxFrame(int bytes) {
      if (bytes < Framing.HANDSHAKE_MAX_FRAME) {
        throw new IllegalArgumentException(
            "max frame must be at least " + Framing.HANDSHAKE_MAX_FRAME + " bytes, not " + bytes);
      }
      this.maxFrame = bytes;
      return this;
    }

    /** The most connections open at once; positive. */
    public Builder maxConnections(int max) {
      if (max <= 0) {
        throw new IllegalArgumentException("max connections must be positive, not " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /** The time source. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException when a non-loopback address would be served with the
     *     default key
     */
    public QueueConfig build() {
      if (authkey.isDefault() && !isLoopback(bind.host())) {
        throw new IllegalArgumentException("refusing to listen on " + bind
            + " with the default authkey: set -a/--authkey, --authkey-file or "
            + Authkey.ENVIRONMENT_VARIABLE);
      }
      return new QueueConfig(bind, authkey, handshakeTimeout, maxFrame, maxConnections, clock,
          data, journal, leaseTimeout, retention, leaseOrder);
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("cannot resolve the bind address " + host, e);
      }
    }
  }
}
