package io.impetus.queue.internal.journal;

import java.nio.file.Path;

/** The {@link Journal} contract, kept by the journal of a queue in memory only. */
class NoJournalContractTest extends JournalContract {

  @Override
  Journal open(Path directory) {
    return Journal.none();
  }
}
