package io.impetus.core.net;

import com.esotericsoftware.kryo.io.Output;
import org.jspecify.annotations.Nullable;

/**
 * A Kryo output that hands the large byte arrays of a message (job payloads, results, code
 * bundles) to a {@link Sink} by reference instead of copying them into its buffer: the frame then
 * goes out with the array itself in its place, so a payload is copied once fewer on its way to
 * the socket. Small arrays, and everything else, are written into the buffer as usual.
 *
 * <p>An array handed on this way is read when the frame is written, possibly later and on another
 * thread: the arrays of a message must not change once it is sent, which holds for the protocol's
 * messages, whose arrays are never written to after they are made.
 *
 * <p>Not thread-safe, like any Kryo output.
 */
final class ReferencingOutput extends Output {

  /** The smallest array handed on by reference; a smaller one costs less to copy. */
  static final int SMALLEST_REFERENCE = 8 * 1024;

  private @Nullable Sink sink;

  /** An output whose buffer starts at {@code bufferSize} bytes and may grow without bound. */
  ReferencingOutput(int bufferSize) {
    super(bufferSize, -1);
  }

  /** Where the large arrays written from now on go; null to copy them as any output does. */
  void referTo(@Nullable Sink sink) {
    this.sink = sink;
  }

  @Override
  public void writeBytes(byte[] bytes, int offset, int count) {
    Sink target = sink;
    if (target == null || count < SMALLEST_REFERENCE) {
      super.writeBytes(bytes, offset, count);
      return;
    }
    flush();
    target.refer(position(), bytes, offset, count);
  }

  /** Takes the large arrays of a message in the order they come. */
  interface Sink {

    /**
     * Takes {@code length} bytes of {@code bytes} from {@code offset}, which belong in the
     * message right after the first {@code at} bytes of the output's buffer (after what was
     * flushed to the output's stream, if it has one).
     */
    void refer(int at, byte[] bytes, int offset, int length);
  }
}
