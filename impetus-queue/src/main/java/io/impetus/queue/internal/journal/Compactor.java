package io.impetus.queue.internal.journal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal from growing without bound. Once the segments sealed since the last snapshot
 * hold {@code compactBytes} (and at least as much as that snapshot, so that a large live state is
 * not rewritten over and over), and at least twice what the live state would take (see {@link
 * #worthWriting}), it writes a snapshot of the live state named after the segment just started,
 * then deletes every older segment and snapshot. The snapshot is fuzzy (streams keep changing
 * while it is written); replaying the segments from its start on corrects it, see {@link
 * StateImage}.
 *
 * <p>Thread-safe; snapshots are written on a thread of their own, one at a time.
 */
final class Compactor {

  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  private final Path directory;
  private final JournalCodec codec;
  private final long compactBytes;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "queue-compactor");
    t.setDaemon(true);
    return t;
  });
  private @Nullable SnapshotSource source;
  private long sealedSinceSnapshot;
  private long lastSnapshotBytes;
  private long currentSegment;
  private boolean running;

  /**
   * A compactor for a journal whose older segments hold {@code sealedSinceSnapshot} bytes not
   * yet covered by a snapshot, and whose segment {@code currentSegment} is being written.
   */
  Compactor(Path directory, JournalCodec codec, long compactBytes, long sealedSinceSnapshot,
      long currentSegment) {
    this.directory = directory;
    this.currentSegment = currentSegment;
    this.codec = codec;
    this.compactBytes = compactBytes;
    this.sealedSinceSnapshot = sealedSinceSnapshot;
  }

  synchronized void useSource(SnapshotSource snapshotSource) {
    this.source = snapshotSource;
    startIfDue();
  }

  /** A segment of {@code bytes} was sealed and segment {@code next} started. */
  synchronized void sealed(long bytes, long next) {
    sealedSinceSnapshot += bytes;
    currentSegment = next;
    startIfDue();
  }

  /** Starts a snapshot when enough has been sealed since the last one and none is running. */
  private void startIfDue() {
    SnapshotSource current = source;
    long next = currentSegment;
    if (running || current == null
        || sealedSinceSnapshot < Math.max(compactBytes, lastSnapshotBytes)) {
      return;
    }
    running = true;
    long covered = sealedSinceSnapshot;
    thread.execute(() -> snapshot(current, next, covered));
  }

  /**
   * Whether a snapshot is worth writing now: when the live state would take more than half of
   * the bytes sealed since the last snapshot, most of what it replaces is still live, and writing
   * it costs nearly as much as it frees. A burst of jobs with large payloads, waiting or finished
   * but not yet acknowledged, is such a state; once its results are acknowledged, the same
   * snapshot is small. Putting it off keeps the journal within about three times the live state
   * (plus {@code compactBytes}).
   */
  static boolean worthWriting(long sealedSinceSnapshot, long liveBytes) {
    return liveBytes <= sealedSinceSnapshot / 2;
  }

  /** At most the bytes a snapshot of {@code current} would take now, without encoding it. */
  private static long liveBytes(SnapshotSource current) {
    long[] bytes = {0};
    current.writeTo(record -> bytes[0] += SegmentFormat.FRAME_OVERHEAD + EncodedSize.of(record));
    return bytes[0];
  }

  private void snapshot(SnapshotSource current, long sequence, long covered) {
    long live = liveBytes(current);
    if (!worthWriting(covered, live)) {
      LOG.debug("journal compaction put off: the live state takes about {} bytes of the {}"
          + " sealed since the last snapshot", live, covered);
      synchronized (this) {
        running = false;
      }
      return;
    }
    long size = 0;
    try {
      size = write(current, sequence);
      deleteOlderThan(sequence);
      LOG.info("journal compacted: snapshot {} of {} bytes replaces {} bytes of segments",
          SegmentFormat.snapshotName(sequence), size, covered);
    } catch (IOException | UncheckedIOException e) {
      LOG.error("cannot compact the journal in {}; it keeps growing until this is fixed",
          directory, e);
      covered = 0;
      size = lastSnapshotBytes;
    } finally {
      synchronized (this) {
        sealedSinceSnapshot -= covered;
        lastSnapshotBytes = size;
        running = false;
        if (covered > 0 && currentSegment > sequence) {
          startIfDue();
        }
      }
    }
  }

  private long write(SnapshotSource current, long sequence) throws IOException {
    Path target = directory.resolve(SegmentFormat.snapshotName(sequence));
    Path temporary = directory.resolve(target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
      out.write(SegmentFormat.header().array());
      current.writeTo(record -> {
        try {
          SegmentFormat.writeFrame(out, codec.encode(record));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      out.flush();
      channel.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    DataDirectory.syncDirectory(directory);
    return Files.size(target);
  }

  private void deleteOlderThan(long sequence) throws IOException {
    for (String suffix : new String[] {SegmentFormat.SEGMENT_SUFFIX,
        SegmentFormat.SNAPSHOT_SUFFIX}) {
      for (Path file : Recovery.files(directory, suffix)) {
        if (SegmentFormat.sequenceOf(file, suffix) < sequence) {
          Files.delete(file);
        }
      }
    }
    DataDirectory.syncDirectory(directory);
  }

  void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
