package io.impetus.core.net;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out unpooled heap buffers and remembers each one, so that a test can find every buffer
 * a pipeline allocated and never released, without waiting for a garbage collection as Netty's
 * leak detector does. Not thread-safe: for an {@code EmbeddedChannel}.
 */
final class RecordingAllocator extends AbstractByteBufAllocator {

  private final List<ByteBuf> allocated = new ArrayList<>();

  RecordingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    ByteBuf buffer = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
    allocated.add(buffer);
    return buffer;
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return newHeapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  /** Every buffer handed out, released or not. */
  List<ByteBuf> allocated() {
    return List.copyOf(allocated);
  }

  /** The buffers still referenced: leaks, once the channel is finished. */
  List<ByteBuf> unreleased() {
    return allocated.stream().filter(buffer -> buffer.refCnt() > 0).toList();
  }
}
