package io.impetus.queue.internal.journal;

import static io.impetus.queue.internal.journal.Records.describe;
import static io.impetus.queue.internal.journal.Records.job;
import static io.impetus.queue.internal.journal.Records.ok;
import static io.impetus.queue.internal.journal.Records.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import io.impetus.core.protocol.ReferencingOutput;
import io.impetus.queue.FsyncMode;
import io.impetus.queue.JournalSettings;
import io.impetus.queue.internal.journal.JournalRecord.DataPut;
import io.impetus.queue.internal.journal.JournalRecord.JobsFinished;
import io.impetus.queue.internal.journal.JournalRecord.JobsSubmitted;
import io.impetus.queue.internal.journal.JournalRecord.ResultsAcked;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileJournalTest {

  private static final JournalSettings SMALL = JournalSettings.defaults().withSizes(4096, 16384);

  @TempDir Path dir;

  /** Appends to a journal and mirrors the records in an image, as the live queue would. */
  private final StateImage live = new StateImage();

  private CompletableFuture<Void> append(Journal journal, JournalRecord record) {
    synchronized (live) {
      live.apply(record);
      return journal.append(record);
    }
  }

  /** The live image as a snapshot source: consistent, as a stream's lock makes it. */
  private void snapshot(Consumer<JournalRecord> sink) {
    List<JournalRecord> records;
    synchronized (live) {
      records = render(live);
    }
    records.forEach(sink);
  }

  private void aStreamWithWork(Journal journal) {
    append(journal, new StreamCreated("s", Map.of("mpps", "2")));
    append(journal, new JobsSubmitted("s", List.of(job("a"), job("b"), job("c", 5_000)), 1_000));
    append(journal, new JobsFinished("s", List.of(ok("a")), List.of(1)));
    append(journal, new DataPut("s", "k", new byte[] {4, 2})).join();
  }

  @ParameterizedTest
  @EnumSource(FsyncMode.class)
  void everyAcknowledgedRecordIsRecovered(FsyncMode mode) {
    try (FileJournal journal = FileJournal.open(dir, SMALL.withFsync(mode))) {
      aStreamWithWork(journal);
    }

    try (FileJournal reopened = FileJournal.open(dir, SMALL.withFsync(mode))) {
      assertThat(describe(reopened.recovered())).isEqualTo(describe(live))
          .containsEntry("s", "{mpps=2} {k=[4, 2]} a@1000x1! b@1000x0 c@6000x0");
    }
  }

  @ParameterizedTest
  @EnumSource(FsyncMode.class)
  void largePayloadsKeptByReferenceComeBackWholeFromSegmentsAndSnapshots(FsyncMode mode)
      throws IOException {
    Random random = new Random(3);
    byte[] args = new byte[100 * 1024];
    byte[] result = new byte[ReferencingOutput.SMALLEST_REFERENCE];
    byte[] value = new byte[300 * 1024];
    random.nextBytes(args);
    random.nextBytes(result);
    random.nextBytes(value);
    JobSpec large = new JobSpec("a", "pow", "a.B", "ff", args, 0, 0, "stage1", 0, Map.of());
    try (FileJournal journal = FileJournal.open(dir, SMALL.withFsync(mode))) {
      journal.compactFrom(this::snapshot);
      append(journal, new StreamCreated("s", Map.of()));
      append(journal, new JobsSubmitted("s", List.of(job("x"), large, job("y")), 0));
      append(journal, new JobsFinished("s", List.of(
          new JobOutcome("a", 1, result, null, 0, 0, "n", "n/1")), List.of(1)));
      append(journal, new DataPut("s", "k", value)).join();
    }
    try (var files = Files.list(dir)) {
      assertThat(files).as("the snapshot written when the first segment filled")
          .anyMatch(file -> file.toString().endsWith(SegmentFormat.SNAPSHOT_SUFFIX));
    }

    try (FileJournal reopened = FileJournal.open(dir, SMALL.withFsync(mode))) {
      StateImage.StreamImage stream = reopened.recovered().streams().iterator().next();
      JournalRecord.JobImage job = stream.jobs().stream()
          .filter(image -> image.spec().id().equals("a")).findFirst().orElseThrow();
      assertThat(job.spec().args()).isEqualTo(args);
      assertThat(job.outcome().result()).isEqualTo(result);
      assertThat(stream.data().get("k")).isEqualTo(value);
      assertThat(describe(reopened.recovered())).isEqualTo(describe(live));
    }
  }

  @ParameterizedTest
  @EnumSource(value = FsyncMode.class, names = {"NEVER", "INTERVAL"})
  void aSmallRecordAppendedWhileTheWriterIsIdleIsWrittenBeforeAppendReturns(FsyncMode mode)
      throws IOException {
    try (FileJournal journal = FileJournal.open(dir, SMALL.withFsync(mode))) {
      append(journal, new StreamCreated("s", Map.of())).join();
      await().atMost(Duration.ofSeconds(5)).until(() -> journal.append(
          new DataPut("s", "idle", new byte[] {1})).isDone());
      long before = Files.size(lastSegment());

      CompletableFuture<Void> written = append(journal, new DataPut("s", "k", new byte[] {2}));

      assertThat(written).isCompletedWithValue(null);
      assertThat(Files.size(lastSegment())).isGreaterThan(before);
    }
  }

  @Test
  void withSyncsOneByOneTheWriterThreadWritesEveryRecord() throws IOException {
    try (FileJournal journal = FileJournal.open(dir, SMALL.withFsync(FsyncMode.ALWAYS))) {
      append(journal, new StreamCreated("s", Map.of())).join();
      long before = Files.size(lastSegment());
      CompletableFuture<Void> written = append(journal, new DataPut("s", "k", new byte[] {2}));

      written.join();
      assertThat(Files.size(lastSegment())).isGreaterThan(before);
    }
  }

  @ParameterizedTest
  @EnumSource(FsyncMode.class)
  void recordsFromManyThreadsKeepEachThreadsOrder(FsyncMode mode) throws Exception {
    int threads = 4;
    int records = 300;
    JournalSettings settings = JournalSettings.defaults().withSizes(64 * 1024, 1L << 30)
        .withFsync(mode);
    try (FileJournal journal = FileJournal.open(dir, settings)) {
      journal.append(new StreamCreated("s", Map.of())).join();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<CompletableFuture<Void>>> lasts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        lasts.add(pool.submit(() -> {
          CompletableFuture<Void> last = null;
          for (int i = 0; i < records; i++) {
            // every third record is too large to be written by the appending thread
            byte[] args = new byte[i % 3 == 0 ? FileJournal.INLINE_BYTES + 1 : 4];
            JobSpec job = new JobSpec(thread + ":" + i, "pow", "a.B", "ff", args, 0, 0, "s", 0,
                Map.of());
            last = journal.append(new JobsSubmitted("s", List.of(job), 0));
          }
          return last;
        }));
      }
      for (Future<CompletableFuture<Void>> last : lasts) {
        last.get().join();
      }
      pool.shutdown();
    }

    try (FileJournal reopened = FileJournal.open(dir, settings)) {
      List<List<Integer>> order = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        order.add(new ArrayList<>());
      }
      for (JournalRecord.JobImage job : reopened.recovered().streams().iterator().next().jobs()) {
        String[] id = job.spec().id().split(":");
        order.get(Integer.parseInt(id[0])).add(Integer.parseInt(id[1]));
      }
      List<Integer> appended = IntStream.range(0, records).boxed().toList();
      assertThat(order).allSatisfy(journaled -> assertThat(journaled).isEqualTo(appended));
    }
  }

  @Test
  void aTornWriteAtTheEndIsCutOffAndTheJournalGoesOn() throws IOException {
    try (FileJournal journal = FileJournal.open(dir, SMALL)) {
      aStreamWithWork(journal);
    }
    Path last = lastSegment();
    long intact = Files.size(last);
    Files.write(last, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND);

    try (FileJournal reopened = FileJournal.open(dir, SMALL)) {
      assertThat(describe(reopened.recovered())).isEqualTo(describe(live));
      assertThat(Files.size(last)).isEqualTo(intact);
      append(reopened, new ResultsAcked("s", List.of("a"))).join();
    }
    try (FileJournal again = FileJournal.open(dir, SMALL)) {
      assertThat(describe(again.recovered())).isEqualTo(describe(live))
          .containsEntry("s", "{mpps=2} {k=[4, 2]} b@1000x0 c@6000x0");
    }
  }

  @Test
  void damageBeforeTheLastSegmentStopsTheQueueFromStarting() throws IOException {
    try (FileJournal journal = FileJournal.open(dir, SMALL)) {
      append(journal, new StreamCreated("s", Map.of()));
      for (int i = 0; i < 100; i++) {
        append(journal, new DataPut("s", "k" + i, new byte[200])).join();
      }
      append(journal, new DataPut("s", "end", new byte[1])).join();
    }
    List<Path> segments = Recovery.files(dir, SegmentFormat.SEGMENT_SUFFIX);
    assertThat(segments).hasSizeGreaterThan(2);
    try (RandomAccessFile file = new RandomAccessFile(segments.get(0).toFile(), "rw")) {
      file.seek(SegmentFormat.HEADER_BYTES + SegmentFormat.FRAME_OVERHEAD + 2);
      file.write(0x5a);
    }

    assertThatThrownBy(() -> FileJournal.open(dir, SMALL))
        .isInstanceOf(CorruptJournalException.class)
        .hasMessageContaining(segments.get(0).toString())
        .hasMessageContaining("is damaged at byte 8 and later segments exist");
  }

  @Test
  void aFileThatIsNotAJournalIsRefused() throws IOException {
    Files.writeString(dir.resolve(SegmentFormat.segmentName(0)), "hello, not a journal");

    assertThatThrownBy(() -> FileJournal.open(dir, SMALL))
        .isInstanceOf(CorruptJournalException.class)
        .hasMessageContaining("is not an Impetus journal file");
  }

  @Test
  void compactionKeepsTheJournalSmallWhenJobsAreAcknowledged() throws IOException {
    try (FileJournal journal = FileJournal.open(dir, SMALL)) {
      journal.compactFrom(this::snapshot);
      append(journal, new StreamCreated("s", Map.of()));
      append(journal, new JobsSubmitted("s", List.of(job("kept")), 0));
      for (int round = 0; round < 2_000; round++) {
        String id = "j" + round;
        append(journal, new JobsSubmitted("s", List.of(job(id)), round));
        append(journal, new JobsFinished("s", List.of(ok(id)), List.of(1)));
        append(journal, new ResultsAcked("s", List.of(id)));
      }
      append(journal, new DataPut("s", "last", new byte[] {1})).join();
      await().atMost(Duration.ofSeconds(30)).until(() -> journalBytes() < 40_000);
    }

    try (FileJournal reopened = FileJournal.open(dir, SMALL)) {
      assertThat(describe(reopened.recovered())).isEqualTo(describe(live))
          .containsEntry("s", "{} {last=[1]} kept@0x0");
    }
  }

  @Test
  void aSnapshotWaitsUntilMostOfWhatItReplacesIsNoLongerLive() throws IOException {
    List<JobSpec> large = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      large.add(new JobSpec("large" + i, "pow", "a.B", "ff", new byte[4_000], 0, 0, "stage1", 0,
          Map.of()));
    }
    try (FileJournal journal = FileJournal.open(dir, SMALL)) {
      journal.compactFrom(this::snapshot);
      append(journal, new StreamCreated("s", Map.of()));
      append(journal, new JobsSubmitted("s", large, 0));
      for (int round = 0; journalBytes() < 50_000; round++) {
        churn(journal, round);
      }
    }
    // past compactBytes, but the 32,000 live bytes are more than half of what was sealed
    assertThat(snapshots()).isEmpty();

    try (FileJournal journal = FileJournal.open(dir, SMALL)) {
      journal.compactFrom(this::snapshot);
      for (int round = 1_000_000; round < 1_002_000; round++) {
        churn(journal, round);
      }
      append(journal, new DataPut("s", "last", new byte[] {1})).join();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> !snapshots().isEmpty() && journalBytes() < 150_000);
    }

    try (FileJournal reopened = FileJournal.open(dir, SMALL)) {
      assertThat(describe(reopened.recovered())).isEqualTo(describe(live));
    }
  }

  /** A job submitted, finished and acknowledged: three records that leave nothing live. */
  private void churn(Journal journal, int round) {
    String id = "j" + round;
    append(journal, new JobsSubmitted("s", List.of(job(id)), round));
    append(journal, new JobsFinished("s", List.of(ok(id)), List.of(1)));
    append(journal, new ResultsAcked("s", List.of(id))).join();
  }

  private List<Path> snapshots() throws IOException {
    return Recovery.files(dir, SegmentFormat.SNAPSHOT_SUFFIX);
  }

  @Test
  void appendsAfterCloseFailInsteadOfVanishing() {
    FileJournal journal = FileJournal.open(dir, SMALL);
    journal.close();

    assertThat(journal.append(new StreamCreated("s", Map.of())))
        .failsWithin(Duration.ofSeconds(5));
  }

  private Path lastSegment() throws IOException {
    List<Path> segments = Recovery.files(dir, SegmentFormat.SEGMENT_SUFFIX);
    return segments.get(segments.size() - 1);
  }

  private long journalBytes() throws IOException {
    long bytes = 0;
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }
}
