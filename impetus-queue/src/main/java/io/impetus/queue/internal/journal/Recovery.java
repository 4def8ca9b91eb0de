package io.impetus.queue.internal.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the state from a journal directory: the newest snapshot, then every segment from the
 * snapshot's start on, in order. A torn write at the end of the last segment (the queue died in
 * the middle of it; nothing in it was acknowledged) is cut off. Damage anywhere else stops the
 * recovery: the queue refuses to start rather than run on a state that silently lost data.
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /**
   * Reads the directory.
   *
   * @return the state, and the sequence number the next segment must take
   * @throws CorruptJournalException when a snapshot or a segment other than the last is damaged
   */
  static Recovered recover(Path directory, JournalCodec codec) throws IOException {
    deleteLeftovers(directory);
    List<Path> snapshots = files(directory, SegmentFormat.SNAPSHOT_SUFFIX);
    List<Path> segments = files(directory, SegmentFormat.SEGMENT_SUFFIX);
    StateImage image = new StateImage();
    long from = 0;
    long records = 0;
    if (!snapshots.isEmpty()) {
      Path snapshot = snapshots.get(snapshots.size() - 1);
      SegmentFormat.ReadResult read = SegmentFormat.read(snapshot, codec, image::apply);
      if (!read.complete()) {
        throw new CorruptJournalException("the snapshot " + snapshot + " is damaged at byte "
            + read.validEnd() + "; move it away to recover from the segments alone");
      }
      from = SegmentFormat.sequenceOf(snapshot, SegmentFormat.SNAPSHOT_SUFFIX);
      records += read.records();
    }
    long next = from;
    long sealedBytes = 0;
    for (int i = 0; i < segments.size(); i++) {
      Path segment = segments.get(i);
      long sequence = SegmentFormat.sequenceOf(segment, SegmentFormat.SEGMENT_SUFFIX);
      next = Math.max(next, sequence + 1);
      if (sequence < from) {
        continue;
      }
      SegmentFormat.ReadResult read = SegmentFormat.read(segment, codec, image::apply);
      records += read.records();
      sealedBytes += read.validEnd();
      if (read.complete()) {
        continue;
      }
      if (i < segments.size() - 1) {
        throw new CorruptJournalException("the journal segment " + segment
            + " is damaged at byte " + read.validEnd() + " and later segments exist");
      }
      long size = Files.size(segment);
      LOG.warn("discarding {} bytes of an unfinished write at the end of {}",
          size - read.validEnd(), segment);
      try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        channel.truncate(read.validEnd());
        channel.force(true);
      }
    }
    LOG.info("journal recovered: {} records, {} streams", records, image.streams().size());
    return new Recovered(image, next, sealedBytes);
  }

  private static void deleteLeftovers(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tmp")).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The journal files with this suffix, oldest first. */
  static List<Path> files(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> SegmentFormat.sequenceOf(f, suffix) >= 0)
          .sorted(Comparator.comparingLong(f -> SegmentFormat.sequenceOf(f, suffix)))
          .toList();
    }
  }

  /**
   * What recovery found.
   *
   * @param image the state
   * @param nextSegment the sequence number for the next segment
   * @param sealedBytes the bytes of the segments the next snapshot would replace
   */
  record Recovered(StateImage image, long nextSegment, long sealedBytes) {}
}
