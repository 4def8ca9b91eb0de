package io.impetus.bench.micro;

import io.impetus.core.net.Framing;
import io.impetus.core.net.KryoMessageCodec;
import io.impetus.core.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codec as a connection runs it: an {@link EmbeddedChannel} whose pipeline holds the
 * real handlers in the real order, {@link Framing}'s length-field decoder (at the post-handshake
 * limit) and prepender, then {@link KryoMessageCodec}. One operation is one {@code SubmitJobs}
 * of {@code jobs} jobs: written out to frame bytes, read in from frame bytes, or both (the frames
 * written are fed back in, as the peer would receive them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Fixtures.QUIET_LOGGING)
public class FrameCodecBench {

  /** The jobs in the submitted batch. */
  @Param({"1", "1000"})
  public int jobs;

  private EmbeddedChannel channel;
  private Message submit;
  private byte[] frame;

  /** Builds the pipeline, the message, and the message's frame (prefix and body). */
  @Setup
  public void prepare() {
    channel = new EmbeddedChannel();
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(Framing.DECODER, Framing.decoder(Framing.DEFAULT_MAX_FRAME));
    pipeline.addLast(Framing.ENCODER, Framing.encoder());
    pipeline.addLast(KryoMessageCodec.NAME, new KryoMessageCodec());
    submit = Fixtures.message("SubmitJobs", jobs);
    channel.writeOutbound(submit);
    ByteBuf bytes = Unpooled.buffer();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      bytes.writeBytes(part);
      part.release();
    }
    frame = ByteBufUtil.getBytes(bytes);
    bytes.release();
  }

  /** Closes the channel. */
  @TearDown
  public void close() {
    channel.finishAndReleaseAll();
  }

  /** Encodes the message into its frame; returns the frame's length. */
  @Benchmark
  public int encode() {
    channel.writeOutbound(submit);
    int length = 0;
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      length += part.readableBytes();
      part.release();
    }
    return length;
  }

  /** Decodes the message from its frame. */
  @Benchmark
  public Object decode() {
    channel.writeInbound(Unpooled.wrappedBuffer(frame));
    return channel.readInbound();
  }

  /** Encodes the message and decodes the frames written, as the receiving peer would. */
  @Benchmark
  public Object roundTrip() {
    channel.writeOutbound(submit);
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      channel.writeInbound(part);
    }
    return channel.readInbound();
  }
}
