package io.impetus.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import org.jspecify.annotations.Nullable;

/**
 * Length-prefixed framing: a 4-byte big-endian length, then that many bytes of one Kryo message.
 * Until a peer has authenticated, frames are limited to {@link #HANDSHAKE_MAX_FRAME} bytes, so an
 * unauthenticated peer cannot make anyone allocate more than that; after the handshake the limit
 * is the connection's configured maximum. The length counts the prefix itself and is read as
 * unsigned; a length over the limit fails the connection as soon as the prefix has arrived, before
 * anything of the frame is buffered. Once the connection is closed, the bytes still buffered are
 * dropped unread, so that one read full of bad frames raises one error, not one per frame.
 */
public final class Framing {

  /** Pipeline name of the frame decoder, which the handshake swaps for a larger one. */
  public static final String DECODER = "frame-decoder";

  /** Pipeline name of the length prepender. */
  public static final String ENCODER = "frame-encoder";

  /** The frame limit before authentication. */
  public static final int HANDSHAKE_MAX_FRAME = 4096;

  /** The default frame limit after authentication: 64 MiB. */
  public static final int DEFAULT_MAX_FRAME = 64 * 1024 * 1024;

  private static final int LENGTH_BYTES = 4;

  private Framing() {}

  /** A decoder that rejects frames longer than {@code maxFrame} before buffering them. */
  public static LengthFieldBasedFrameDecoder decoder(int maxFrame) {
    return new FrameDecoder(maxFrame);
  }

  /** The encoder that writes the length prefix. */
  public static LengthFieldPrepender encoder() {
    return new LengthFieldPrepender(LENGTH_BYTES);
  }

  /** Adds the handshake-sized decoder and the encoder at the head of a pipeline. */
  public static void install(ChannelPipeline pipeline) {
    pipeline.addLast(DECODER, decoder(HANDSHAKE_MAX_FRAME));
    pipeline.addLast(ENCODER, encoder());
  }

  /** Raises the frame limit once the peer is authenticated. */
  static void raiseLimit(ChannelPipeline pipeline, int maxFrame) {
    pipeline.replace(DECODER, DECODER, decoder(maxFrame));
  }

  /** The length-prefix decoder, which stops decoding once its channel is closed. */
  private static final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    FrameDecoder(int maxFrame) {
      super(maxFrame, 0, LENGTH_BYTES, 0, LENGTH_BYTES);
    }

    @Override
    protected @Nullable Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
      if (!ctx.channel().isOpen()) {
        in.skipBytes(in.readableBytes());
        return null;
      }
      return super.decode(ctx, in);
    }
  }
}
