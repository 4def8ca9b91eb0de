package io.impetus.queue.internal.journal;

import java.util.function.Consumer;

/**
 * The live state, seen as the records that would rebuild it. Each stream's records must be taken
 * under that stream's lock, so that they describe the stream as of one moment; different streams
 * may be taken at different moments.
 */
@FunctionalInterface
public interface SnapshotSource {

  /** Gives {@code sink} the records that rebuild the current state. */
  void writeTo(Consumer<JournalRecord> sink);
}
