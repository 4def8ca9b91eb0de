package io.impetus.queue.internal.journal;

import java.util.concurrent.CompletableFuture;

/**
 * Where the queue records its changes. {@link #append} never waits for a sync (it may write a
 * small record itself when nothing else waits); its future completes when the record is as
 * durable as the journal promises (for a file journal: written, and synced
 * to disk when the fsync mode is {@code always}), and always after every record appended before
 * it. Callers that must keep the order of their records append them while holding the lock that
 * orders the changes.
 *
 * <p>Thread-safe.
 */
public interface Journal extends AutoCloseable {

  /**
   * Appends a record.
   *
   * @return completes when the record is durable, or fails when the journal cannot write it
   */
  CompletableFuture<Void> append(JournalRecord record);

  /**
   * Gives the journal the live state to compact against; until then it does not compact. A file
   * journal writes a snapshot of the source from time to time and deletes the segments the
   * snapshot replaces.
   */
  void compactFrom(SnapshotSource source);

  /** Writes everything appended so far, syncs it, and releases the files. */
  @Override
  void close();

  /** A journal that keeps nothing: the queue runs in memory only, and appends complete at once. */
  static Journal none() {
    return NoJournal.INSTANCE;
  }
}
