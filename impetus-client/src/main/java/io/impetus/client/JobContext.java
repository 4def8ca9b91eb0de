package io.impetus.client;

/**
 * What a running job may know about itself, for code inside a {@link Node @Node} method:
 * {@code JobContext.current().store().get("input", byte[].class)}.
 *
 * <p>Bound to the worker thread that runs the job, for the duration of the job.
 */
public interface JobContext {

  /**
   * The context of the job running on this thread.
   *
   * @throws IllegalStateException when called outside a job
   */
  static JobContext current() {
    JobContext context = JobContextProviders.current();
    if (context == null) {
      throw new IllegalStateException(
          "JobContext.current() is only available inside a @Node method running on a worker");
    }
    return context;
  }

  /** The job's id. */
  String jobId();

  /** The stream (client id) the job belongs to. */
  String stream();

  /** 1 for the first run of the job, more when a lost worker made it run again. */
  int attempt();

  /** The stream's data store. */
  DataStore store();
}
