package io.impetus.queue.internal.stream;

import io.impetus.queue.internal.journal.Journal;
import io.impetus.queue.internal.journal.JournalRecord;
import io.impetus.queue.internal.journal.SnapshotSource;
import io.impetus.queue.internal.journal.StateImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A journal that keeps every record in memory, so that a test can recover from it. */
final class RecordingJournal implements Journal {

  final List<JournalRecord> records = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<Void> append(JournalRecord record) {
    records.add(record);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void compactFrom(SnapshotSource source) {
    // nothing to compact
  }

  @Override
  public void close() {
    // nothing to release
  }

  /** The state that replaying every record so far rebuilds. */
  synchronized StateImage recover() {
    StateImage image = new StateImage();
    records.forEach(image::apply);
    return image;
  }
}
