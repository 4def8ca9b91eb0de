package io.impetus.queue.internal.journal;

import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import io.impetus.core.protocol.ReferencingOutput;
import io.impetus.queue.internal.journal.JournalRecord.DataDeleted;
import io.impetus.queue.internal.journal.JournalRecord.DataPut;
import io.impetus.queue.internal.journal.JournalRecord.JobImage;
import io.impetus.queue.internal.journal.JournalRecord.JobsFinished;
import io.impetus.queue.internal.journal.JournalRecord.JobsReturned;
import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import io.impetus.queue.internal.journal.JournalRecord.ResultsAcked;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How many bytes of a record's encoding go into the encoder's buffer, at most, when its strings
 * are ASCII: the encoder starts with a buffer that size, so that a record with many jobs is
 * written once instead of into a buffer that doubles (copying and zeroing it again) on the way.
 * Payloads large enough to be kept by reference ({@link ReferencingOutput#SMALLEST_REFERENCE})
 * count as their length only. A record with other text may need more; its buffer then grows.
 */
final class EncodedSize {

  /** A number, a length, a class id or a null mark: Kryo writes each in at most this. */
  private static final int FIELD = 10;
  /** A job's own limits: a null mark, then an int and a long as variable-length numbers. */
  private static final int LIMITS = 1 + 5 + 10;
  /** The record's class and the fields every record has, with room to spare. */
  private static final int RECORD = 64;

  private EncodedSize() {}

  /** The bytes of {@code record}'s encoding that are buffered, at most, with ASCII strings. */
  static int of(JournalRecord record) {
    long bytes = RECORD + text(record.streamId()) + fields(record);
    return (int) Math.min(bytes, SegmentFormat.MAX_PAYLOAD);
  }

  private static long fields(JournalRecord record) {
    if (record instanceof JobsSubmitted submitted) {
      return list(submitted.jobs())
          + submitted.jobs().stream().mapToLong(EncodedSize::spec).sum();
    }
    if (record instanceof JobsFinished finished) {
      return list(finished.outcomes()) + list(finished.attempts())
          + finished.outcomes().stream().mapToLong(EncodedSize::outcome).sum();
    }
    if (record instanceof JobImage image) {
      return spec(image.spec()) + outcome(image.outcome()) + 4 * FIELD;
    }
    if (record instanceof ResultsAcked acked) {
      return list(acked.jobIds()) + acked.jobIds().stream().mapToLong(EncodedSize::text).sum();
    }
    if (record instanceof JobsReturned returned) {
      return list(returned.jobIds()) + list(returned.attempts())
          + returned.jobIds().stream().mapToLong(EncodedSize::text).sum();
    }
    if (record instanceof DataPut put) {
      return text(put.key()) + bytes(put.value());
    }
    if (record instanceof DataDeleted deleted) {
      return text(deleted.key());
    }
    if (record instanceof StreamCreated created) {
      return map(created.properties());
    }
    return 0; // StreamClosed: the stream's id only
  }

  private static long spec(JobSpec spec) {
    return FIELD + text(spec.id()) + text(spec.name()) + text(spec.className())
        + text(spec.codeHash()) + bytes(spec.args()) + text(spec.callback()) + map(spec.extra())
        + 4 * FIELD + LIMITS;
  }

  private static long outcome(@Nullable JobOutcome outcome) {
    if (outcome == null) {
      return FIELD;
    }
    return FIELD + text(outcome.id()) + bytes(outcome.result()) + error(outcome.error())
        + text(outcome.node()) + text(outcome.worker()) + 3 * FIELD;
  }

  private static long error(@Nullable ErrorInfo error) {
    if (error == null) {
      return FIELD;
    }
    return FIELD + text(error.error()) + text(error.name()) + FIELD + text(error.statement())
        + text(error.type()) + text(error.stacktrace());
  }

  private static long map(Map<String, String> map) {
    long bytes = FIELD;
    for (Map.Entry<String, String> entry : map.entrySet()) {
      bytes += 2 * FIELD + text(entry.getKey()) + text(entry.getValue());
    }
    return bytes;
  }

  private static long list(Collection<?> list) {
    return FIELD + (long) FIELD * list.size();
  }

  private static long bytes(byte @Nullable [] bytes) {
    boolean buffered = bytes != null && bytes.length < ReferencingOutput.SMALLEST_REFERENCE;
    return FIELD + (buffered ? bytes.length : 0);
  }

  private static long text(String text) {
    return FIELD + text.length();
  }
}
