package io.impetus.client;

/** Where a job is, as the original's {@code status} field. */
public enum JobStatus {
  /** Forked, not started. */
  WAITING,
  /** Running on a worker. */
  PROCESSING,
  /** Finished with a result. */
  READY,
  /** Finished with an error. */
  ERROR;

  /** The status as written in the task logs: lower case, as the original. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
