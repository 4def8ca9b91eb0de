package io.impetus.queue;

import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.queue.internal.net.QueueNetwork;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import java.util.List;
import java.util.Optional;

/**
 * A running queue: listens on its address until closed. Embeddable (tests, the local demo); the
 * daemon wraps one.
 *
 * <p>Thread-safe.
 */
public final class QueueServer implements AutoCloseable {

  private final QueueNetwork network;

  private QueueServer(QueueNetwork network) {
    this.network = network;
  }

  /**
   * Starts a queue.
   *
   * @throws IllegalStateException when it cannot listen on the address, with the reason
   */
  public static QueueServer start(QueueConfig config) {
    return new QueueServer(QueueNetwork.start(config.bind(), config.authkey(),
        config.handshakeTimeout(), config.maxFrame(), config.maxConnections(), config.clock()));
  }

  /** The address the queue listens on, with the actual port when 0 was asked for. */
  public HostAndPort address() {
    return network.address();
  }

  /** A stream's backlog, if the stream exists. */
  public Optional<StreamBacklog> backlog(String streamId) {
    return state().find(streamId).map(Stream::backlog);
  }

  /** The ids of the streams the queue holds. */
  public List<String> streamIds() {
    return state().streams().stream().map(Stream::id).toList();
  }

  /** How many nodes are registered. */
  public int nodeCount() {
    return state().nodes().nodes().size();
  }

  private QueueState state() {
    return network.state();
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    network.close();
  }
}
