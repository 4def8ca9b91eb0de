package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeStatus;
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
 * connection closes or it stays silent (no heartbeat) for the lease timeout. For each node the
 * registry keeps its registration, the load of its latest heartbeat ({@link NodeLoad#idle()}
 * until the first) and when it was last heard from, which {@link #statuses} reports.
 *
 * <p>A node that reconnects may briefly be registered through two connections; lookups by node
 * id see both.
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

  /** Adds a node, idle until its first heartbeat. */
  public void register(NodeLink link, RegisterNode info) {
    nodes.put(link, new Registration(info, NodeLoad.idle(), clock.millis()));
  }

  /** Records a heartbeat and the load it carries; returns false when the node is not registered. */
  public boolean heartbeat(NodeLink link, NodeLoad load) {
    return nodes.computeIfPresent(link,
        (l, registration) -> new Registration(registration.info(), load, clock.millis())) != null;
  }

  /** Removes a node whose connection closed. */
  public void remove(NodeLink link) {
    nodes.remove(link);
  }

  /** Whether a node of this id is registered. */
  public boolean isRegistered(String nodeId) {
    return !links(nodeId).isEmpty();
  }

  /** The connections through which the node of this id is registered (usually one, or none). */
  public List<NodeLink> links(String nodeId) {
    List<NodeLink> links = new ArrayList<>(1);
    nodes.forEach((link, registration) -> {
      if (registration.info().nodeId().equals(nodeId)) {
        links.add(link);
      }
    });
    return links;
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

  /**
   * Every registered node: its registration, latest load, when it was last heard from, and the
   * jobs its workers hold leased now.
   *
   * @param leased the jobs leased to each node's workers now, by node id
   */
  public List<NodeStatus> statuses(Map<String, Integer> leased) {
    return nodes.values().stream().map(registration -> {
      RegisterNode info = registration.info();
      return new NodeStatus(info.nodeId(), info.host(), info.capacity(), info.version(),
          registration.load(), registration.lastSeen(), leased.getOrDefault(info.nodeId(), 0));
    }).toList();
  }

  /**
   * Tells every node about a stream's backlog when jobs wait: nodes start workers only for
   * waiting jobs, so a submit that waiting workers took at once costs them no message.
   */
  public void announce(StreamBacklog backlog) {
    if (backlog.waiting() == 0) {
      return;
    }
    nodes.keySet().forEach(node -> node.sendBacklog(backlog));
  }

  /**
   * A registration, the load of the node's latest heartbeat and when the node was last heard
   * from.
   *
   * @param info the node's registration
   * @param load its latest load
   * @param lastSeen when the queue last heard from it (queue clock, epoch milliseconds)
   */
  private record Registration(RegisterNode info, NodeLoad load, long lastSeen) {}

  /**
   * A node that stopped sending heartbeats.
   *
   * @param link its connection
   * @param info its registration
   */
  public record Silent(NodeLink link, RegisterNode info) {}
}
