package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.StreamBacklog;

/**
 * A registered node's connection, as the registry sees it: where backlog notices and drain
 * requests go. Implementations must not block.
 */
public interface NodeLink {

  /** Tells the node that a stream has jobs waiting. */
  void sendBacklog(StreamBacklog backlog);

  /**
   * Tells the node to drain: lease nothing new, give its running jobs {@code graceMillis} to
   * finish, then leave.
   */
  void sendDrain(long graceMillis);

  /** Drops the connection, e.g. because the node went silent. */
  void disconnect();
}
