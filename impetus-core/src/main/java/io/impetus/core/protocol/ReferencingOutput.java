package io.impetus.core.protocol;

import com.esotericsoftware.kryo.io.Output;
import org.jspecify.annotations.Nullable;

/**
 * A Kryo output that hands the large byte arrays of what it encodes (job payloads, results, code
 * bundles) to a {@link Sink} by reference instead of copying them into its buffer: the frame or
 * journal record then goes out with the array itself in its place, so that a payload is copied
 * once fewer on its way to the socket or the disk. Small arrays, and everything else, are written
 * into the buffer as usual.
 *
 * <p>An array handed on this way is read when the bytes are written, possibly later and on
 * another thread: the arrays must not change once encoded, which holds for the protocol's
 * messages and the journal's records, whose arrays are never written to after they are made.
 *
 * <p>Not thread-safe, like any Kryo output.
 */
public final class ReferencingOutput extends Output {

  /** The smallest array handed on by reference; a smaller one costs less to copy. */
  public static final int SMALLEST_REFERENCE = 8 * 1024;

  private @Nullable Sink sink;

  /** An output whose buffer starts at {@code bufferSize} bytes and may grow without bound. */
  public ReferencingOutput(int bufferSize) {
    super(bufferSize, -1);
  }

  /** Where the large arrays written from now on go; null to copy them as any output does. */
  public void referTo(@Nullable Sink sink) {
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
  public interface Sink {

    /**
     * Takes {@code length} bytes of {@code bytes} from {@code offset}, which belong in the
     * message right after the first {@code at} bytes of the output's buffer (after what was
     * flushed to the output's stream, if it has one).
     */
    void refer(int at, byte[] bytes, int offset, int length);
  }
}
