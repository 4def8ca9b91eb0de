package io.impetus.queue.internal.journal;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One change to the queue's state, as the journal stores it. Replaying the records in order, from
 * a snapshot or from nothing, rebuilds every stream. Each record is idempotent against a state
 * that already includes later changes of the same stream, which is what lets a snapshot be taken
 * while the queue keeps running (see {@link StateImage}).
 */
public sealed interface JournalRecord {

  /** The stream the record changes. */
  String streamId();

  /**
   * A stream was created.
   *
   * @param streamId the stream
   * @param properties its properties as the client gave them
   */
  record StreamCreated(String streamId, Map<String, String> properties)
      implements JournalRecord {}

  /**
   * A stream was deleted, with everything it held.
   *
   * @param streamId the stream
   */
  record StreamClosed(String streamId) implements JournalRecord {}

  /**
   * Jobs were accepted.
   *
   * @param streamId the stream
   * @param jobs the jobs, in submission order
   * @param acceptedMillis when the queue accepted them: a job's delay counts from here
   */
  record JobsSubmitted(String streamId, List<JobSpec> jobs, long acceptedMillis)
      implements JournalRecord {}

  /**
   * Jobs finished, with a result or an error.
   *
   * @param streamId the stream
   * @param outcomes the outcomes
   * @param attempts how many times each job had been started, in the order of {@code outcomes}
   */
  record JobsFinished(String streamId, List<JobOutcome> outcomes, List<Integer> attempts)
      implements JournalRecord {}

  /**
   * Jobs went back to waiting because their worker was lost.
   *
   * @param streamId the stream
   * @param jobIds the jobs
   * @param attempts how many attempts each job has used, in the order of {@code jobIds}
   */
  record JobsReturned(String streamId, List<String> jobIds, List<Integer> attempts)
      implements JournalRecord {}

  /**
   * The client recorded these results: the jobs are forgotten.
   *
   * @param streamId the stream
   * @param jobIds the jobs
   */
  record ResultsAcked(String streamId, List<String> jobIds) implements JournalRecord {}

  /**
   * A value was stored in the stream's data store.
   *
   * @param streamId the stream
   * @param key the key
   * @param value the value
   */
  record DataPut(String streamId, String key, byte[] value) implements JournalRecord {}

  /**
   * A key was removed from the stream's data store.
   *
   * @param streamId the stream
   * @param key the key
   */
  record DataDeleted(String streamId, String key) implements JournalRecord {}

  /**
   * A snapshot's image of one job, whatever its state.
   *
   * @param streamId the stream
   * @param spec the job as submitted
   * @param seq its submission order in the stream
   * @param notBeforeMillis when it may start
   * @param attempts attempts used by lost workers (finished jobs: attempts started)
   * @param outcome its outcome when finished, else null
   */
  record JobImage(String streamId, JobSpec spec, long seq, long notBeforeMillis, int attempts,
      @Nullable JobOutcome outcome) implements JournalRecord {}
}
