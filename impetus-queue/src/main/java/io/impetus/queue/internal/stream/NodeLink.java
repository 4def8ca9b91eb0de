package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.StreamBacklog;

/**
 * A registered node's connection, as the registry sees it: where backlog notices go.
 * Implementations must not block.
 */
public interface NodeLink {

  /** Tells the node that a stream has jobs waiting. */
  void sendBacklog(StreamBacklog backlog);

  /** Drops the connection, e.g. because the node went silent. */
  void disconnect();
}
