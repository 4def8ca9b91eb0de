package io.impetus.daemon;

import java.util.Optional;

/**
 * What the lifecycle needs to know about other processes: the command line behind a pid (to tell
 * a daemon from a process that reused its pid) and how to ask one to terminate. An interface so
 * that tests can stand in for the real process table ({@link #system()}).
 *
 * <p>Implementations are thread-safe. Answers are snapshots: a process may end right after it was
 * seen alive.
 */
interface ProcessTable {

  /**
   * The command line of the live process {@code pid}, its words separated by spaces; empty when
   * no such process runs. A zombie (ended, not yet reaped) counts as not running.
   */
  Optional<String> commandLine(long pid);

  /**
   * Asks the process {@code pid} to terminate (SIGTERM on Unix), without waiting.
   *
   * @return false when there is no such process or it may not be signalled
   */
  boolean terminate(long pid);

  /** The operating system's process table. */
  static ProcessTable system() {
    return SystemProcessTable.INSTANCE;
  }
}
