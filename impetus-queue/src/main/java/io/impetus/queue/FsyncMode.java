package io.impetus.queue;

/** When the journal forces its writes to disk, and so what an acknowledgement means. */
public enum FsyncMode {
  /** Sync each group of records before acknowledging any of them: survives power loss. */
  ALWAYS,
  /**
   * Acknowledge once written to the operating system, sync at a fixed interval: survives a
   * crash of the queue, may lose the last interval's records on power loss.
   */
  INTERVAL,
  /** Acknowledge once written, leave syncing to the operating system. */
  NEVER
}
