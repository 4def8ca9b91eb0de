package io.impetus.core.net;

import io.impetus.core.protocol.ReferencingOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A frame's bytes as they are written, in buffers from the channel's allocator: the first grows
 * as a buffer does up to {@link #CHUNK} bytes, and every further {@code CHUNK} goes into a
 * buffer of its own. A large message is thus never copied to grow its buffer, and asks the
 * allocator only for sizes it pools; one buffer doubled up to megabytes was copied at every
 * doubling and, past the pooled sizes, got fresh direct memory that the JDK zeroes. Small
 * messages, the most, stay in one ordinary buffer. A large array that a {@link
 * ReferencingOutput} refers to goes into the frame as it is, wrapped, not copied.
 *
 * <p>Not thread-safe; one per message being encoded.
 */
final class FrameOutput extends OutputStream implements ReferencingOutput.Sink {

  /** The most bytes in one of the frame's buffers. */
  static final int CHUNK = 64 * 1024;

  private final ByteBufAllocator allocator;
  private final List<ByteBuf> buffers = new ArrayList<>(1);
  private @Nullable ByteBuf current;

  /** An empty frame whose buffers come from {@code allocator}. */
  FrameOutput(ByteBufAllocator allocator) {
    this.allocator = allocator;
    ByteBuf first = allocator.buffer();
    buffers.add(first);
    this.current = first;
  }

  @Override
  public void write(int b) {
    room().writeByte(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    while (length > 0) {
      ByteBuf target = room();
      int part = Math.min(length, CHUNK - target.writerIndex());
      target.writeBytes(bytes, offset, part);
      offset += part;
      length -= part;
    }
  }

  /** Puts the array itself into the frame, wrapped; the next write starts a buffer after it. */
  @Override
  public void refer(int at, byte[] bytes, int offset, int length) {
    buffers.add(Unpooled.wrappedBuffer(bytes, offset, length));
    current = null;
  }

  /** The buffer with room for at least one more byte. */
  private ByteBuf room() {
    ByteBuf target = current;
    if (target == null || target.writerIndex() == CHUNK) {
      target = target == null ? allocator.buffer() : allocator.buffer(CHUNK, CHUNK);
      buffers.add(target);
      current = target;
    }
    return target;
  }

  /**
   * The frame written: its one buffer, or a composite of its buffers. The caller owns it; this
   * output must not be written to afterwards.
   */
  ByteBuf frame() {
    if (buffers.size() == 1) {
      return buffers.get(0);
    }
    CompositeByteBuf frame = allocator.compositeBuffer(buffers.size());
    frame.addComponents(true, buffers);
    return frame;
  }

  /** Releases what was written, for a message that could not be encoded. */
  void discard() {
    buffers.forEach(ByteBuf::release);
    buffers.clear();
  }
}
