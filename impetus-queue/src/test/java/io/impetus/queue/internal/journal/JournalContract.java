package io.impetus.queue.internal.journal;

import static io.impetus.queue.internal.journal.Records.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Journal} promises, run over each implementation by a subclass that says how
 * to open one in a directory: appends complete, in the order they were made, from any number of
 * threads; closing waits for what was appended; a journal accepts the live state to compact
 * against at any time.
 */
abstract class JournalContract {

  private static final long PATIENCE_SECONDS = 30;

  @TempDir Path dir;

  /** A new journal of the implementation under test, keeping its files in {@code directory}. */
  abstract Journal open(Path directory);

  private static JournalRecord record(int i) {
    return new JobsSubmitted("s", List.of(job("job-" + i)), i);
  }

  @Test
  void appendsCompleteInTheOrderTheyWereMade() throws Exception {
    List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    try (Journal journal = open(dir)) {
      journal.append(new StreamCreated("s", Map.of())).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      for (int i = 0; i < 500; i++) {
        int number = i;
        futures.add(journal.append(record(i)).thenRun(() -> completed.add(number)));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    assertThat(completed).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
  }

  @Test
  void appendsFromManyThreadsAllComplete() throws Exception {
    try (Journal journal = open(dir)) {
      journal.append(new StreamCreated("s", Map.of())).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      List<CompletableFuture<Void>> appended = IntStream.range(0, 8)
          .mapToObj(thread -> CompletableFuture.supplyAsync(() -> IntStream.range(0, 100)
              .mapToObj(i -> journal.append(record(thread * 100 + i))).toList()))
          .map(CompletableFuture::join).flatMap(List::stream).toList();

      CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new))
          .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      assertThat(appended).allMatch(future -> future.isDone()
          && !future.isCompletedExceptionally());
    }
  }

  @Test
  void closingCompletesEveryAppend() {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    Journal journal = open(dir);
    futures.add(journal.append(new StreamCreated("s", Map.of())));
    for (int i = 0; i < 100; i++) {
      futures.add(journal.append(record(i)));
    }

    journal.close();

    assertThat(futures).allMatch(future -> future.isDone()
        && !future.isCompletedExceptionally());
  }

  @Test
  void acceptsTheLiveStateToCompactAgainstAndGoesOn() throws Exception {
    try (Journal journal = open(dir)) {
      journal.compactFrom(sink -> sink.accept(new StreamCreated("s", Map.of())));
      journal.append(new StreamCreated("s", Map.of())).get(PATIENCE_SECONDS, TimeUnit.SECONDS);

      assertThat(journal.append(record(1))).succeedsWithin(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }
  }
}
