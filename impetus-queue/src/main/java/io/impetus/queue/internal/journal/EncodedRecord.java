package io.impetus.queue.internal.journal;

import io.impetus.core.protocol.ReferencingOutput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A journal record's encoding as {@link JournalCodec} made it: the record's small parts in a
 * buffer, and its large byte arrays (job payloads and results) where they already are, by
 * reference, in their places between those parts. Writing the record's frame copies each
 * payload once, into the frame's destination, and never into an intermediate array.
 *
 * <p>The referenced arrays must not change; the records' arrays never do. Immutable once the
 * codec has returned it.
 */
final class EncodedRecord implements ReferencingOutput.Sink {

  private final List<Piece> pieces = new ArrayList<>(0);
  private byte[] buffer = new byte[0];
  private int buffered;
  private int size;

  /** Called by the output while the record is encoded: a large array, after {@code at} bytes. */
  @Override
  public void refer(int at, byte[] bytes, int offset, int length) {
    pieces.add(new Piece(at, bytes, offset, length));
    size += length;
  }

  /** Ends the encoding: the output's buffer, of which the first {@code buffered} bytes count. */
  EncodedRecord finish(byte[] buffer, int buffered) {
    this.buffer = buffer;
    this.buffered = buffered;
    this.size += buffered;
    return this;
  }

  /** The number of bytes the record takes, without its frame's length and checksum. */
  int size() {
    return size;
  }

  /** The number of those bytes that are in the buffer, not in arrays kept by reference. */
  int buffered() {
    return buffered;
  }

  /** The record's CRC-32C, as its frame holds it. */
  int checksum() {
    CRC32C crc = new CRC32C();
    int from = 0;
    for (Piece piece : pieces) {
      crc.update(buffer, from, piece.at() - from);
      crc.update(piece.bytes(), piece.offset(), piece.length());
      from = piece.at();
    }
    crc.update(buffer, from, buffered - from);
    return (int) crc.getValue();
  }

  /** Puts the record's bytes into {@code target}, which must have room for them. */
  void putInto(ByteBuffer target) {
    int from = 0;
    for (Piece piece : pieces) {
      target.put(buffer, from, piece.at() - from).put(piece.bytes(), piece.offset(),
          piece.length());
      from = piece.at();
    }
    target.put(buffer, from, buffered - from);
  }

  /** Writes the record's bytes to {@code out}. */
  void writeTo(DataOutput out) throws IOException {
    int from = 0;
    for (Piece piece : pieces) {
      out.write(buffer, from, piece.at() - from);
      out.write(piece.bytes(), piece.offset(), piece.length());
      from = piece.at();
    }
    out.write(buffer, from, buffered - from);
  }

  /** A large array of the record, which belongs after {@code at} bytes of the buffer. */
  private record Piece(int at, byte[] bytes, int offset, int length) {}
}
