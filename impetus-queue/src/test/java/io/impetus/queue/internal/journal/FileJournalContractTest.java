package io.impetus.queue.internal.journal;

import io.impetus.queue.FsyncMode;
import io.impetus.queue.JournalSettings;
import java.nio.file.Path;

/** The {@link Journal} contract, kept by the file journal with small segments, syncing always. */
class FileJournalContractTest extends JournalContract {

  @Override
  Journal open(Path directory) {
    return FileJournal.open(directory,
        JournalSettings.defaults().withSizes(4096, 16384).withFsync(FsyncMode.ALWAYS));
  }
}
