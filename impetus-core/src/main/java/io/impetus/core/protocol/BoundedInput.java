package io.impetus.core.protocol;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.Input;
import java.nio.ByteBuffer;

/**
 * A Kryo {@link Input} over the bytes of one whole message that checks each length the message
 * claims against the bytes that remain, before allocating anything for it. Every byte of an
 * array, every char of a string and every element of a list takes at least one byte on the wire,
 * so a claim larger than what remains is a lie: it raises {@link KryoException} instead of making
 * the reader allocate as much as the sender asks for. Reading a message thus allocates at most a
 * small multiple of its size.
 *
 * <p>Not thread-safe; one per message read. Made by {@link ProtocolKryo#reader}, over an array or
 * (as {@link OverBuffer}) over a buffer, such as a frame still in the socket's memory.
 */
final class BoundedInput extends Input {

  BoundedInput(byte[] message) {
    super(message);
  }

  @Override
  public byte[] readBytes(int length) {
    requireAvailable(this, length, "byte array", "bytes");
    return super.readBytes(length);
  }

  @Override
  public String readString() {
    checkString(this);
    return super.readString();
  }

  /** The same checks over a buffer's bytes, which arrays are copied out of once. */
  static final class OverBuffer extends ByteBufferInput {

    OverBuffer(ByteBuffer message) {
      super(message);
    }

    @Override
    public byte[] readBytes(int length) {
      requireAvailable(this, length, "byte array", "bytes");
      return super.readBytes(length);
    }

    @Override
    public String readString() {
      checkString(this);
      return super.readString();
    }
  }

  /** Checks the char count of the string that starts at {@code input}'s position, if any. */
  private static void checkString(Input input) {
    if (input.readVarIntFlag()) {
      // A UTF-8 string starts with its char count + 1 (0: null); an ASCII one is terminated.
      int start = input.position();
      int count = input.readVarIntFlag(true);
      requireAvailable(input, Math.max(count, 1) - 1, "string", "chars");
      input.setPosition(start);
    }
  }

  /**
   * Checks that {@code count} things of at least one byte each can follow in {@code input}.
   *
   * @throws KryoException when they cannot
   */
  static void requireAvailable(Input input, int count, String what, String unit) {
    int remaining = input.limit() - input.position();
    if (count < 0 || count > remaining) {
      throw new KryoException("a " + what + " of " + Integer.toUnsignedString(count) + " " + unit
          + " cannot fit in the " + remaining + " bytes left of the message");
    }
  }
}
