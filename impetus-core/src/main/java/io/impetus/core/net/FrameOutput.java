package io.impetus.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame's bytes as they are written, in buffers from the channel's allocator: the first grows
 * as a buffer does up to {@link #CHUNK} bytes, and every further {@code CHUNK} goes into a
 * buffer of its own. A large message is thus never copied to grow its buffer, and asks the
 * allocator only for sizes it pools; one buffer doubled up to megabytes was copied at every
 * doubling and, past the pooled sizes, got fresh direct memory that the JDK zeroes. Small
 * messages, the most, stay in one ordinary buffer.
 *
 * <p>Not thread-safe; one per message being encoded.
 */
final class FrameOutput extends OutputStream {

  /** The most bytes in one of the frame's buffers. */
  static final int CHUNK = 64 * 1024;

  private final ByteBufAllocator allocator;
  private final List<ByteBuf> buffers = new ArrayList<>(1);
  private ByteBuf current;

  /** An empty frame whose buffers come from {@code allocator}. */
  FrameOutput(ByteBufAllocator allocator) {
    this.allocator = allocator;
    this.current = allocator.buffer();
    buffers.add(current);
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

  /** The buffer with room for at least one more byte. */
  private ByteBuf room() {
    if (current.writerIndex() == CHUNK) {
      current = allocator.buffer(CHUNK, CHUNK);
      buffers.add(current);
    }
    return current;
  }

  /**
   * The frame written: its one buffer, or a composite of its buffers. The caller owns it; this
   * output must not be written to afterwards.
   */
  ByteBuf frame() {
    if (buffers.size() == 1) {
      return current;
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
