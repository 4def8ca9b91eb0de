package io.impetus.core.protocol;

/** The kinds of peer that connect to the queue. */
public enum PeerRole {
  /** A user's program that owns streams and receives their results. */
  CLIENT,
  /** A node daemon that spawns workers for streams with waiting jobs. */
  NODE,
  /** A worker JVM that leases and runs the jobs of one stream. */
  WORKER,
  /** The DFS or an operator's tool: reads the node registry and drains nodes. */
  CONTROL
}
