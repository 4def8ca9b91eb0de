package io.impetus.queue.internal.journal;

import java.util.concurrent.CompletableFuture;

/** The journal of a queue without a data directory: records nothing. */
enum NoJournal implements Journal {
  INSTANCE;

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  @Override
  public CompletableFuture<Void> append(JournalRecord record) {
    return DONE;
  }

  @Override
  public void compactFrom(SnapshotSource source) {
    // nothing to compact
  }

  @Override
  public void close() {
    // nothing to release
  }
}
