package io.impetus.queue.internal.journal;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import io.impetus.queue.internal.journal.JournalRecord.DataDeleted;
import io.impetus.queue.internal.journal.JournalRecord.DataPut;
import io.impetus.queue.internal.journal.JournalRecord.JobImage;
import io.impetus.queue.internal.journal.JournalRecord.JobsFinished;
import io.impetus.queue.internal.journal.JournalRecord.JobsReturned;
import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import io.impetus.queue.internal.journal.JournalRecord.ResultsAcked;
import io.impetus.queue.internal.journal.JournalRecord.StreamClosed;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue's state rebuilt from the journal: streams with their jobs (in submission order) and
 * data. Jobs that were being processed when the queue stopped are waiting again: a lease does
 * not survive the queue.
 *
 * <p>Replay is idempotent in the way that fuzzy snapshots need: a record applied to a state that
 * already holds later changes of its stream leaves the state as if applied in order. Creating an
 * existing stream, submitting a known job, finishing a finished job, acknowledging an unknown one
 * change nothing; data writes are last-writer-wins. Because every record after the snapshot's
 * start is replayed, the state converges to the one the queue had.
 *
 * <p>Not thread-safe.
 */
public final class StateImage {

  private final Map<String, StreamImage> streams = new LinkedHashMap<>();

  /** Applies one record. */
  public void apply(JournalRecord record) {
    if (record instanceof StreamCreated created) {
      streams.putIfAbsent(created.streamId(),
          new StreamImage(created.streamId(), created.properties()));
      return;
    }
    if (record instanceof StreamClosed) {
      streams.remove(record.streamId());
      return;
    }
    StreamImage stream = streams.get(record.streamId());
    if (stream != null) {
      stream.apply(record);
    }
  }

  /** The streams, in creation order. */
  public Collection<StreamImage> streams() {
    return streams.values();
  }

  /** One stream's rebuilt content. Not thread-safe. */
  public static final class StreamImage {
    private final String id;
    private final Map<String, String> properties;
    private final Map<String, JobImage> jobs = new LinkedHashMap<>();
    private final Map<String, byte[]> data = new HashMap<>();
    private long nextSeq;

    StreamImage(String id, Map<String, String> properties) {
      this.id = id;
      this.properties = Map.copyOf(properties);
    }

    /** The stream's id. */
    public String id() {
      return id;
    }

    /** The stream's properties. */
    public Map<String, String> properties() {
      return properties;
    }

    /** The jobs not yet acknowledged, in submission order. */
    public Collection<JobImage> jobs() {
      return jobs.values();
    }

    /** The data store's content. */
    public Map<String, byte[]> data() {
      return data;
    }

    private void apply(JournalRecord record) {
      if (record instanceof JobsSubmitted submitted) {
        for (JobSpec spec : submitted.jobs()) {
          jobs.computeIfAbsent(spec.id(), jobId -> new JobImage(id, spec, nextSeq++,
              submitted.acceptedMillis() + spec.delayMillis(), 0, null));
        }
      } else if (record instanceof JobsFinished finished) {
        List<JobOutcome> outcomes = finished.outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
          JobOutcome outcome = outcomes.get(i);
          int attempts = finished.attempts().get(i);
          jobs.computeIfPresent(outcome.id(), (jobId, job) -> job.outcome() != null ? job
              : new JobImage(id, job.spec(), job.seq(), job.notBeforeMillis(), attempts, outcome));
        }
      } else if (record instanceof JobsReturned returned) {
        for (int i = 0; i < returned.jobIds().size(); i++) {
          int attempts = returned.attempts().get(i);
          jobs.computeIfPresent(returned.jobIds().get(i), (jobId, job) -> job.outcome() != null
              ? job
              : new JobImage(id, job.spec(), job.seq(), job.notBeforeMillis(), attempts, null));
        }
      } else if (record instanceof ResultsAcked acked) {
        acked.jobIds().forEach(jobId ->
            jobs.computeIfPresent(jobId, (key, job) -> job.outcome() == null ? job : null));
      } else if (record instanceof DataPut put) {
        data.put(put.key(), put.value());
      } else if (record instanceof DataDeleted deleted) {
        data.remove(deleted.key());
      } else if (record instanceof JobImage job) {
        jobs.put(job.spec().id(), job);
        nextSeq = Math.max(nextSeq, job.seq() + 1);
      }
    }
  }
}
