package io.impetus.queue.internal.journal;

import static io.impetus.queue.internal.journal.Records.describe;
import static io.impetus.queue.internal.journal.Records.job;
import static io.impetus.queue.internal.journal.Records.render;
import static io.impetus.queue.internal.journal.Records.replay;
import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import io.impetus.queue.internal.journal.JournalRecord.DataDeleted;
import io.impetus.queue.internal.journal.JournalRecord.DataPut;
import io.impetus.queue.internal.journal.JournalRecord.JobsFinished;
import io.impetus.queue.internal.journal.JournalRecord.JobsReturned;
import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import io.impetus.queue.internal.journal.JournalRecord.ResultsAcked;
import io.impetus.queue.internal.journal.JournalRecord.StreamClosed;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The property that lets the queue snapshot while it runs: a snapshot taken at any moment after
 * the journal moved to a new segment, followed by every record from that segment on, rebuilds
 * the same state as the whole journal. Histories hold only records the queue can write.
 */
class FuzzySnapshotTest {

  @Property(tries = 500)
  void snapshotPlusLaterRecordsRebuildsTheState(
      @ForAll("histories") List<JournalRecord> history,
      @ForAll("fractions") double rollAt, @ForAll("fractions") double snapshotAt) {
    int roll = (int) (rollAt * history.size());
    int snapshot = roll + (int) (snapshotAt * (history.size() - roll));

    List<JournalRecord> recovered = new ArrayList<>(render(replay(history.subList(0, snapshot))));
    recovered.addAll(history.subList(roll, history.size()));

    assertThat(describe(replay(recovered))).isEqualTo(describe(replay(history)));
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<List<JournalRecord>> histories() {
    return change().list().ofMaxSize(60).map(FuzzySnapshotTest::possible);
  }

  /**
   * Keeps the records the queue can write: none for a stream that does not exist; submissions of
   * new jobs only; completions and returns of unfinished jobs; acknowledgements of finished ones.
   * A job id is never used twice in a stream, as clients make them from random UUIDs: an id
   * submitted again after its acknowledgement would let replay over a fuzzy snapshot apply the
   * first job's records to the second and change its place in the FIFO order.
   */
  private static List<JournalRecord> possible(List<JournalRecord> records) {
    Map<String, Map<String, Boolean>> finishedByStream = new HashMap<>();
    List<JournalRecord> possible = new ArrayList<>();
    for (JournalRecord record : records) {
      Map<String, Boolean> finished = finishedByStream.get(record.streamId());
      JournalRecord kept = record;
      if (record instanceof StreamCreated) {
        finishedByStream.putIfAbsent(record.streamId(), new HashMap<>());
      } else if (finished == null) {
        kept = null;
      } else if (record instanceof StreamClosed) {
        finishedByStream.remove(record.streamId());
      } else if (record instanceof JobsSubmitted submitted) {
        List<JobSpec> fresh = submitted.jobs().stream()
            .filter(job -> !finished.containsKey(job.id())).toList();
        fresh.forEach(job -> finished.put(job.id(), false));
        kept = fresh.isEmpty() ? null
            : new JobsSubmitted(record.streamId(), fresh, submitted.acceptedMillis());
      } else if (record instanceof JobsFinished done) {
        List<JobOutcome> running = done.outcomes().stream()
            .filter(outcome -> Boolean.FALSE.equals(finished.get(outcome.id()))).toList();
        running.forEach(outcome -> finished.put(outcome.id(), true));
        kept = running.isEmpty() ? null : new JobsFinished(record.streamId(), running,
            running.stream().map(outcome -> done.attempts().get(0)).toList());
      } else if (record instanceof JobsReturned returned) {
        List<String> running = returned.jobIds().stream()
            .filter(id -> Boolean.FALSE.equals(finished.get(id))).toList();
        kept = running.isEmpty() ? null : new JobsReturned(record.streamId(), running,
            running.stream().map(id -> returned.attempts().get(0)).toList());
      } else if (record instanceof ResultsAcked acked) {
        List<String> done = acked.jobIds().stream()
            .filter(id -> Boolean.TRUE.equals(finished.get(id))).toList();
        done.forEach(id -> finished.put(id, null));
        kept = done.isEmpty() ? null : new ResultsAcked(record.streamId(), done);
      }
      if (kept != null) {
        possible.add(kept);
      }
    }
    return possible;
  }

  private Arbitrary<JournalRecord> change() {
    Arbitrary<String> stream = Arbitraries.of("s1", "s2");
    Arbitrary<String> jobId = Arbitraries.of("a", "b", "c", "d");
    Arbitrary<String> key = Arbitraries.of("k1", "k2");
    Arbitrary<List<String>> jobIds = jobId.list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    return Arbitraries.oneOf(
        Combinators.combine(stream, Arbitraries.of("1", "2"))
            .as((s, mpps) -> new StreamCreated(s, Map.of("mpps", mpps))),
        stream.map(StreamClosed::new),
        Combinators.combine(stream, jobIds, Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, 100))
            .as((s, ids, accepted, delay) -> new JobsSubmitted(s,
                ids.stream().map(id -> job(id, delay)).toList(), accepted)),
        Combinators.combine(stream, jobIds, Arbitraries.integers().between(1, 3))
            .as((s, ids, attempts) -> new JobsFinished(s,
                ids.stream().map(Records::ok).toList(),
                ids.stream().map(id -> attempts).toList())),
        Combinators.combine(stream, jobIds, Arbitraries.integers().between(1, 3))
            .as((s, ids, attempts) -> new JobsReturned(s, ids,
                ids.stream().map(id -> attempts).toList())),
        Combinators.combine(stream, jobIds).as(ResultsAcked::new),
        Combinators.combine(stream, key, Arbitraries.bytes().array(byte[].class).ofMaxSize(2))
            .as(DataPut::new),
        Combinators.combine(stream, key).as(DataDeleted::new));
  }

}
