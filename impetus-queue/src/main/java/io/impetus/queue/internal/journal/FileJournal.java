package io.impetus.queue.internal.journal;

import io.impetus.queue.FsyncMode;
import io.impetus.queue.JournalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal in segment files, written by one thread with group commit: appends queue up while
 * the previous group is being written and synced, then go to disk together, so one sync covers
 * every record that arrived meanwhile. When writes are not synced one by one ({@code never} and
 * {@code interval}), a small record appended while that thread is idle and nothing waits is
 * written by the appending thread itself, and its future is complete on return: a write costs
 * less than waking the writer and being woken by it. A segment that has grown past its size is
 * closed (and synced, whatever the mode) and a new one started; once enough has been written
 * since the last snapshot, a {@link Compactor} writes a new one and deletes the segments it
 * replaces.
 *
 * <p>Thread-safe. A write error fails every pending and later append: nothing is acknowledged
 * that is not written.
 */
public final class FileJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
  /** The largest record the appending thread writes itself; larger ones go to the writer. */
  static final int INLINE_BYTES = 64 * 1024;
  private static final CompletableFuture<Void> WRITTEN = CompletableFuture.completedFuture(null);

  private final Path directory;
  private final JournalSettings settings;
  private final JournalCodec codec;
  private final StateImage recovered;
  private final Compactor compactor;
  private final Thread writer;
  private final boolean inline;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private List<Pending> pending = new ArrayList<>();
  /** Whether the writer thread has taken a group (or a timed sync) it is not done with. */
  private boolean writing;
  private boolean closing;
  private @Nullable IOException failure;

  // the writer thread's while it is writing, else the appending thread's that holds the lock
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
  private FileChannel segment;
  private long segmentSequence;
  private long segmentSize;
  private long lastSync = System.nanoTime();
  private boolean unsynced;

  private FileJournal(Path directory, JournalSettings settings, JournalCodec codec,
      Recovery.Recovered recovered) throws IOException {
    this.directory = directory;
    this.settings = settings;
    this.codec = codec;
    this.recovered = recovered.image();
    this.compactor = new Compactor(directory, codec, settings.compactBytes(),
        recovered.sealedBytes(), recovered.nextSegment());
    this.inline = settings.fsync() != FsyncMode.ALWAYS;
    openSegment(recovered.nextSegment());
    this.writer = new Thread(this::run, "queue-journal");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /**
   * Recovers the journal in {@code directory} and opens it for appending.
   *
   * @throws CorruptJournalException when the journal is damaged beyond a torn last write
   * @throws UncheckedIOException when the files cannot be read or written
   */
  public static FileJournal open(Path directory, JournalSettings settings) {
    JournalCodec codec = new JournalCodec();
    try {
      Files.createDirectories(directory);
      return new FileJournal(directory, settings, codec, Recovery.recover(directory, codec));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + directory + ": " + e, e);
    }
  }

  /** The state the journal held when it was opened. */
  public StateImage recovered() {
    return recovered;
  }

  @Override
  public void compactFrom(SnapshotSource source) {
    compactor.useSource(source);
  }

  @Override
  public CompletableFuture<Void> append(JournalRecord record) {
    EncodedRecord bytes = codec.encode(record);
    CompletableFuture<Void> done;
    lock.lock();
    try {
      if (failure != null || closing) {
        return CompletableFuture.failedFuture(failure != null
            ? new UncheckedIOException("the queue cannot write its journal", failure)
            : new IllegalStateException("the queue is shutting down"));
      }
      if (inline && !writing && pending.isEmpty() && bytes.size() <= INLINE_BYTES
          && segmentSize < settings.segmentBytes()) {
        return writeInline(bytes);
      }
      done = new CompletableFuture<>();
      pending.add(new Pending(bytes, done));
      if (pending.size() == 1) {
        work.signal();
      }
    } finally {
      lock.unlock();
    }
    return done;
  }

  /** Writes a record on the appending thread, which holds the lock while the writer is idle. */
  private CompletableFuture<Void> writeInline(EncodedRecord bytes) {
    try {
      buffer.clear();
      SegmentFormat.putFrame(buffer, bytes);
      flush();
      return WRITTEN;
    } catch (IOException e) {
      fail(e);
      return CompletableFuture.failedFuture(
          new UncheckedIOException("the queue cannot write its journal", e));
    }
  }

  private void run() {
    try {
      while (true) {
        List<Pending> group = nextGroup();
        if (group == null) {
          break;
        }
        if (!group.isEmpty()) {
          write(group);
        }
        syncIfDue();
        for (Pending record : group) {
          record.done.complete(null);
        }
        if (segmentSize >= settings.segmentBytes()) {
          roll();
        }
        doneWriting();
      }
      sync();
      segment.close();
    } catch (IOException | RuntimeException e) {
      fail(e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** The next group of records, an empty group when a timed sync is due, or null when closed. */
  private @Nullable List<Pending> nextGroup() throws IOException {
    lock.lock();
    try {
      while (pending.isEmpty() && !closing) {
        if (settings.fsync() == FsyncMode.INTERVAL && unsynced) {
          long waited = System.nanoTime() - lastSync;
          long left = settings.fsyncInterval().toNanos() - waited;
          if (left <= 0) {
            writing = true;
            return List.of();
          }
          work.awaitNanos(left);
        } else {
          work.awaitUninterruptibly();
        }
      }
      if (pending.isEmpty()) {
        return null;
      }
      List<Pending> group = pending;
      pending = new ArrayList<>(Math.max(16, group.size()));
      writing = true;
      return group;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /** Lets appending threads write again, once a group's futures are complete. */
  private void doneWriting() {
    lock.lock();
    try {
      writing = false;
    } finally {
      lock.unlock();
    }
  }

  private void write(List<Pending> group) throws IOException {
    int bytes = 0;
    for (Pending record : group) {
      bytes += SegmentFormat.FRAME_OVERHEAD + record.bytes.size();
    }
    if (buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(bytes) << 1);
    }
    buffer.clear();
    for (Pending record : group) {
      SegmentFormat.putFrame(buffer, record.bytes);
    }
    flush();
    if (settings.fsync() == FsyncMode.ALWAYS) {
      sync();
    }
  }

  /**
   * Writes the frames put in the buffer. In {@code interval} mode a first unsynced write wakes
   * the writer thread, which then syncs within the interval.
   */
  private void flush() throws IOException {
    buffer.flip();
    segmentSize += buffer.remaining();
    while (buffer.hasRemaining()) {
      segment.write(buffer);
    }
    if (!unsynced && settings.fsync() == FsyncMode.INTERVAL && !writing) {
      work.signal();
    }
    unsynced = true;
  }

  private void syncIfDue() throws IOException {
    if (settings.fsync() == FsyncMode.INTERVAL && unsynced
        && System.nanoTime() - lastSync >= settings.fsyncInterval().toNanos()) {
      sync();
    }
  }

  private void sync() throws IOException {
    if (unsynced) {
      segment.force(false);
      unsynced = false;
    }
    lastSync = System.nanoTime();
  }

  /** Closes the full segment (synced, whatever the mode) and starts the next. */
  private void roll() throws IOException {
    sync();
    segment.close();
    long sealed = segmentSize;
    openSegment(segmentSequence + 1);
    compactor.sealed(sealed, segmentSequence);
  }

  private void openSegment(long sequence) throws IOException {
    Path file = directory.resolve(SegmentFormat.segmentName(sequence));
    segment = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    segment.write(SegmentFormat.header());
    segment.force(false);
    DataDirectory.syncDirectory(directory);
    segmentSequence = sequence;
    segmentSize = SegmentFormat.HEADER_BYTES;
  }

  private void fail(IOException error) {
    LOG.error("the journal in {} cannot be written; the queue accepts no more changes", directory,
        error);
    List<Pending> lost;
    lock.lock();
    try {
      failure = error;
      lost = pending;
      pending = new ArrayList<>();
    } finally {
      lock.unlock();
    }
    for (Pending record : lost) {
      record.done.completeExceptionally(
          new UncheckedIOException("the queue cannot write its journal", error));
    }
  }

  /** Writes and syncs everything appended so far, then closes the files. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    compactor.close();
  }

  /** An appended record waiting to be written. */
  private record Pending(EncodedRecord bytes, CompletableFuture<Void> done) {}
}
