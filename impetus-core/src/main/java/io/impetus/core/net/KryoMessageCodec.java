package io.impetus.core.net;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.ProtocolKryo;
import io.impetus.core.protocol.ReferencingOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/**
 * Turns one frame into one protocol {@link Message} and back, with a Kryo that accepts only the
 * registered protocol classes. A frame that does not decode to exactly one registered message
 * raises {@link CorruptedFrameException}; the connection's handler then closes that connection.
 * Decoding is bounded as {@link ProtocolKryo} describes: whatever a frame claims, reading it
 * allocates at most a small multiple of its size. Neither direction keeps a buffer larger than
 * {@value #KEPT_BUFFER} bytes between messages, so an idle connection holds little memory; a
 * message is encoded straight into its frame's buffers, and its large byte arrays go into the
 * frame as they are ({@link ReferencingOutput}). A large frame is decoded where it arrived, so
 * that its payloads are copied once, into the arrays of the message.
 *
 * <p>Not sharable: each channel gets its own instance, because Kryo is not thread-safe.
 */
public final class KryoMessageCodec extends MessageToMessageCodec<ByteBuf, Message> {

  /** Pipeline name of the codec. */
  public static final String NAME = "kryo-codec";

  /** The encoding buffer, kept for the next message: a message streams through it. */
  static final int KEPT_BUFFER = 8 * 1024;

  /** The smallest frame decoded where it is rather than from a copy of its bytes. */
  static final int READ_IN_PLACE = 16 * 1024;

  private final Kryo kryo = ProtocolKryo.create();
  private final ReferencingOutput output = new ReferencingOutput(KEPT_BUFFER);

  /**
   * Streams the message into buffers from the channel's allocator (see {@link FrameOutput}),
   * through a small fixed buffer, so that a large message is copied once and allocates no large
   * array or buffer.
   */
  @Override
  protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
    FrameOutput frame = new FrameOutput(ctx.alloc());
    try {
      output.setOutputStream(frame);
      output.referTo(frame);
      kryo.writeClassAndObject(output, message);
      output.flush();
    } catch (RuntimeException e) {
      frame.discard();
      throw e;
    } finally {
      output.referTo(null);
      output.setOutputStream(null);
    }
    out.add(frame.frame());
  }

  /** The bytes of buffer this codec keeps between messages. */
  int keptBytes() {
    return output.getBuffer().length;
  }

  /**
   * Decodes a small frame from a copy of its bytes (the quickest for Kryo to read), a large one
   * in place.
   */
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    if (frame.readableBytes() < READ_IN_PLACE || frame.nioBufferCount() != 1) {
      out.add(decode(kryo, ByteBufUtil.getBytes(frame)));
    } else {
      out.add(decode(kryo, ProtocolKryo.reader(frame.nioBuffer())));
    }
  }

  /**
   * The one protocol message that {@code bytes}, a frame's content, hold.
   *
   * @throws CorruptedFrameException when they do not hold exactly one registered message
   */
  static Message decode(Kryo kryo, byte[] bytes) {
    return decode(kryo, ProtocolKryo.reader(bytes));
  }

  /**
   * The one protocol message that {@code input}, over a frame's content, holds.
   *
   * @throws CorruptedFrameException when it does not hold exactly one registered message
   */
  private static Message decode(Kryo kryo, Input input) {
    Object decoded;
    try {
      decoded = kryo.readClassAndObject(input);
    } catch (KryoException | IllegalArgumentException | NullPointerException e) {
      throw new CorruptedFrameException("malformed message: " + e.getMessage(), e);
    }
    if (!(decoded instanceof Message message)) {
      throw new CorruptedFrameException("frame holds no protocol message");
    }
    if (input.position() != input.limit()) {
      throw new CorruptedFrameException(
          "frame has " + (input.limit() - input.position()) + " bytes after its message");
    }
    return message;
  }
}
