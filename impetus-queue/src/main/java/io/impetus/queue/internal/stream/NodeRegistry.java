package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.StreamBacklog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes connected to the queue. A node is registered from its {@link RegisterNode} until its
 * connection closes. Thread-safe.
 */
public final class NodeRegistry {

  private final Map<NodeLink, RegisterNode> nodes = new ConcurrentHashMap<>();

  /** Adds a node. */
  public void register(NodeLink link, RegisterNode info) {
    nodes.put(link, info);
  }

  /** Removes a node whose connection closed. */
  public void remove(NodeLink link) {
    nodes.remove(link);
  }

  /** The registered nodes' registrations. */
  public List<RegisterNode> nodes() {
    return List.copyOf(nodes.values());
  }

  /** Tells every node about a stream's backlog. */
  public void announce(StreamBacklog backlog) {
    nodes.keySet().forEach(node -> node.sendBacklog(backlog));
  }
}
