package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.StreamBacklog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes connected to the queue. A node is registered from its {@link RegisterNode} until its
 * connection closes or it stays silent (no heartbeat) for the lease timeout.
 *
 * <p>Thread-safe.
 */
public final class NodeRegistry {

  private final Clock clock;
  private final Duration timeout;
  private final Map<NodeLink, Registration> nodes = new ConcurrentHashMap<>();

  /** A registry that presumes a node gone after {@code timeout} without a heartbeat. */
  public NodeRegistry(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Adds a node. */
  public void register(NodeLink link, RegisterNode info) {
    nodes.put(link, new Registration(info, clock.millis()));
  }

  /** Records a heartbeat; returns false when the node is not registered. */
  public boolean heartbeat(NodeLink link) {
    return nodes.computeIfPresent(link,
        (l, registration) -> new Registration(registration.info(), clock.millis())) != null;
  }

  /** Removes a node whose connection closed. */
  public void remove(NodeLink link) {
    nodes.remove(link);
  }

  /** Removes and returns the nodes that have not sent a heartbeat within the timeout. */
  public List<Silent> expire() {
    long oldest = clock.millis() - timeout.toMillis();
    List<Silent> silent = new ArrayList<>();
    nodes.forEach((link, registration) -> {
      if (registration.lastSeen() < oldest && nodes.remove(link, registration)) {
        silent.add(new Silent(link, registration.info()));
      }
    });
    return silent;
  }

  /** The registered nodes' registrations. */
  public List<RegisterNode> nodes() {
    return nodes.values().stream().map(Registration::info).toList();
  }

  /** Tells every node about a stream's backlog. */
  public void announce(StreamBacklog backlog) {
    nodes.keySet().forEach(node -> node.sendBacklog(backlog));
  }

  /** A registration and when the node was last heard from. */
  private record Registration(RegisterNode info, long lastSeen) {}

  /**
   * A node that stopped sending heartbeats.
   *
   * @param link its connection
   * @param info its registration
   */
  public record Silent(NodeLink link, RegisterNode info) {}
}
