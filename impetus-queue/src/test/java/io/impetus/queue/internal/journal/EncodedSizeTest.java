package io.impetus.queue.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.job.ErrorInfo;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The estimate of a journal record's buffered size against its real encoding, for records of
 * every kind, with payloads small enough to be buffered and large enough to be kept by reference.
 */
class EncodedSizeTest {

  private final JournalCodec codec = new JournalCodec();

  @Property(tries = 200)
  void coversTheEncodingOfEveryRecordWithAsciiText(@ForAll("records") JournalRecord record) {
    int encoded = codec.encode(record).buffered();

    assertThat(EncodedSize.of(record)).isGreaterThanOrEqualTo(encoded);
  }

  @Property(tries = 50)
  void overshootsByAFewBytesPerJobAtMost(@ForAll("batches") JobsSubmitted batch) {
    int encoded = codec.encode(batch).buffered();

    // 200 bytes a job for its fields, and 16 for its limits (a mark, an int, a long)
    assertThat(EncodedSize.of(batch))
        .isLessThanOrEqualTo(encoded + 200 + 216 * batch.jobs().size());
  }

  @Provide
  Arbitrary<JournalRecord> records() {
    Arbitrary<String> text = text();
    return Arbitraries.oneOf(
        Combinators.combine(text, Arbitraries.maps(text, text).ofMaxSize(5).map(HashMap::new))
            .as(StreamCreated::new),
        text.map(StreamClosed::new),
        batches().map(JournalRecord.class::cast),
        Combinators.combine(text, outcomes().list().ofMaxSize(20)).as((stream, outcomes) ->
            new JobsFinished(stream, new ArrayList<>(outcomes),
                new ArrayList<>(Collections.nCopies(outcomes.size(), 3)))),
        Combinators.combine(text, text.list().ofMaxSize(20)).as((stream, ids) ->
            new JobsReturned(stream, new ArrayList<>(ids),
                new ArrayList<>(Collections.nCopies(ids.size(), 100_000)))),
        Combinators.combine(text, text.list().ofMaxSize(20))
            .as((stream, ids) -> new ResultsAcked(stream, new ArrayList<>(ids))),
        Combinators.combine(text, text, payload()).as(DataPut::new),
        Combinators.combine(text, text).as(DataDeleted::new),
        Combinators.combine(text, specs(), outcomes().injectNull(0.5)).as((stream, spec, outcome) ->
            new JobImage(stream, spec, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
                outcome)));
  }

  @Provide
  Arbitrary<JobsSubmitted> batches() {
    return Combinators.combine(text(), specs().list().ofMaxSize(50))
        .as((stream, specs) -> new JobsSubmitted(stream, new ArrayList<>(specs), Long.MAX_VALUE));
  }

  private static Arbitrary<JobSpec> specs() {
    Arbitrary<String> text = text();
    return Combinators.combine(text, text, text, payload(), Arbitraries.integers(),
            Arbitraries.longs().greaterOrEqual(0), Arbitraries.maps(text, text).ofMaxSize(3))
        .as((id, name, hash, args, priority, delay, extra) ->
            new JobSpec(id, name, "a.B", hash, args, priority, delay, "stage1", Long.MIN_VALUE,
                extra));
  }

  private static Arbitrary<JobOutcome> outcomes() {
    Arbitrary<String> text = text();
    Arbitrary<ErrorInfo> errors = Combinators.combine(text, text, text, text)
        .as((error, name, statement, trace) ->
            new ErrorInfo(error, name, -1, statement, "java.lang.Error", trace));
    return Combinators.combine(text, payload(), errors, Arbitraries.of(true, false))
        .as((id, result, error, succeeded) -> new JobOutcome(id, Long.MAX_VALUE,
            succeeded ? result : null, succeeded ? null : error, 1, Long.MAX_VALUE, "node",
            "node/7"));
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings().ascii().ofMaxLength(300);
  }

  private static Arbitrary<byte[]> payload() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.integers().between(0, 300_000).map(byte[]::new));
  }
}
