package io.impetus.queue.internal.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The layout of the journal's files. A file starts with an 8-byte header (magic, format version)
 * followed by frames: a 4-byte payload length, the payload's 4-byte CRC-32C, then the payload (one
 * encoded {@link JournalRecord}). Segments are named by a 20-digit sequence number with the suffix
 * {@code .log}; a snapshot taken when segment {@code n} was started is named {@code n.snap} and
 * replaces every segment before {@code n}.
 */
final class SegmentFormat {

  /** "IMPJ". */
  static final int MAGIC = 0x494d504a;
  /** The format version; raise it when the frame layout or the codec's registration changes. */
  static final int VERSION = 2;
  static final int HEADER_BYTES = 8;
  static final int FRAME_OVERHEAD = 8;
  /** No record is larger: a length beyond it can only be a torn or corrupt frame. */
  static final int MAX_PAYLOAD = 1 << 30;

  static final String SEGMENT_SUFFIX = ".log";
  static final String SNAPSHOT_SUFFIX = ".snap";

  private SegmentFormat() {}

  static String segmentName(long sequence) {
    return String.format("%020d%s", sequence, SEGMENT_SUFFIX);
  }

  static String snapshotName(long sequence) {
    return String.format("%020d%s", sequence, SNAPSHOT_SUFFIX);
  }

  /** The sequence number in a journal file's name, or -1 when it is not one. */
  static long sequenceOf(Path file, String suffix) {
    String name = file.getFileName().toString();
    if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static ByteBuffer header() {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION);
    return header.flip();
  }

  /** Appends one frame to {@code buffer}, which must have room for it. */
  static void putFrame(ByteBuffer buffer, EncodedRecord record) {
    buffer.putInt(record.size()).putInt(record.checksum());
    record.putInto(buffer);
  }

  /** Writes one frame to {@code out}. */
  static void writeFrame(DataOutput out, EncodedRecord record) throws IOException {
    out.writeInt(record.size());
    out.writeInt(record.checksum());
    record.writeTo(out);
  }

  /**
   * Reads a file's records in order, up to the first frame that is incomplete or fails its
   * checksum.
   *
   * @return where the valid frames end, and whether that is the end of the file
   * @throws CorruptJournalException when the header is wrong or a frame's record is unreadable
   */
  static ReadResult read(Path file, JournalCodec codec, Consumer<JournalRecord> sink)
      throws IOException {
    long size = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (size < HEADER_BYTES) {
        return new ReadResult(0, size == 0, 0);
      }
      int magic = in.readInt();
      int version = in.readInt();
      if (magic != MAGIC || version != VERSION) {
        throw new CorruptJournalException(file + " is not an Impetus journal file of version "
            + VERSION + " (magic " + Integer.toHexString(magic) + ", version " + version + ")");
      }
      long position = HEADER_BYTES;
      long records = 0;
      while (position < size) {
        if (size - position < FRAME_OVERHEAD) {
          return new ReadResult(position, false, records);
        }
        int length = in.readInt();
        int checksum = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD || length > size - position - FRAME_OVERHEAD) {
          return new ReadResult(position, false, records);
        }
        byte[] payload = new byte[length];
        try {
          in.readFully(payload);
        } catch (EOFException e) {
          return new ReadResult(position, false, records);
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != checksum) {
          return new ReadResult(position, false, records);
        }
        sink.accept(codec.decode(payload));
        records++;
        position += FRAME_OVERHEAD + length;
      }
      return new ReadResult(position, true, records);
    }
  }

  /**
   * How far a file could be read.
   *
   * @param validEnd the offset just after the last good frame (0: not even a header)
   * @param complete whether every byte of the file was a good frame
   * @param records how many records were read
   */
  record ReadResult(long validEnd, boolean complete, long records) {}
}
