package io.impetus.core.net;

import static io.impetus.core.net.KryoMessageCodecTest.allocatedBy;
import static io.impetus.core.net.KryoMessageCodecTest.body;
import static io.impetus.core.net.KryoMessageCodecTest.splice;
import static io.impetus.core.net.KryoMessageCodecTest.varInt;
import static io.impetus.core.net.KryoMessageCodecTest.varIntFlag;
import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the queue's side of the pipeline (framing, Kryo codec, handshake) under hostile
 * bytes, before and after authentication: random bytes, frames of random bytes, valid frames
 * truncated, corrupted or claiming huge lengths inside, and length prefixes beyond the limit.
 * Whatever arrives, no exception escapes the pipeline, only decoding errors are raised, nothing
 * reaches the session before authentication, every buffer is released, and decoding allocates at
 * most a small multiple of what was sent.
 */
class FrameFuzzTest {

  private static final Authkey KEY = Authkey.of("fuzz");
  private static final HostAndPort QUEUE = new HostAndPort("queue.test", 1);

  /** The frame limit after authentication: small, so that oversized frames stay cheap. */
  private static final int MAX_FRAME = 64 * 1024;

  private static final int LENGTH_BYTES = 4;

  /** The queue's pipeline up to its session, which it replaces with a recording handler. */
  private static final class Server {
    final RecordingAllocator allocator = new RecordingAllocator();
    final EmbeddedChannel channel = new EmbeddedChannel();
    final List<Throwable> errors = new ArrayList<>();
    final List<Object> written = new ArrayList<>();
    final List<Object> delivered = new ArrayList<>();

    Server() {
      channel.config().setAllocator(allocator);
      ChannelPipeline pipeline = channel.pipeline();
      Framing.install(pipeline);
      pipeline.addLast(KryoMessageCodec.NAME, new KryoMessageCodec());
      pipeline.addLast("recorder", new ChannelDuplexHandler() {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
          errors.add(cause);
          ctx.fireExceptionCaught(cause);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
          written.add(message);
          ctx.write(message, promise);
        }
      });
      pipeline.addLast("handshake",
          new ServerHandshakeHandler(KEY, Duration.ofSeconds(10), MAX_FRAME));
      pipeline.addLast("session", new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
          delivered.add(message);
          ReferenceCountUtil.release(message);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
          delivered.add(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
          ctx.close();
        }
      });
      pipeline.fireChannelActive();
    }

    /** Runs the real handshake with a client that knows the key. */
    Server authenticated() {
      Promise<Void> done = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
      EmbeddedChannel client = new EmbeddedChannel();
      client.config().setAllocator(allocator);
      Framing.install(client.pipeline());
      client.pipeline().addLast(new KryoMessageCodec());
      client.pipeline().addLast(new ClientHandshakeHandler(KEY, PeerRole.CLIENT, "fuzzer", QUEUE,
          MAX_FRAME, done));
      boolean moved = true;
      while (moved) {
        moved = false;
        Object out;
        while ((out = channel.readOutbound()) != null) {
          client.writeInbound(out);
          moved = true;
        }
        while ((out = client.readOutbound()) != null) {
          channel.writeInbound(out);
          moved = true;
        }
      }
      client.finishAndReleaseAll();
      assertThat(done.isSuccess()).as("handshake").isTrue();
      delivered.clear();
      written.clear();
      return this;
    }

    /**
     * Writes {@code input} in chunks of the given sizes, cycling through them, until all of it
     * is written or the channel is closed; fails if any exception escapes the pipeline.
     *
     * @return the bytes this thread allocated meanwhile
     */
    long feed(byte[] input, List<Integer> chunks) {
      return allocatedBy(() -> {
        int offset = 0;
        for (int i = 0; offset < input.length && channel.isOpen(); i++) {
          int size = Math.min(chunks.get(i % chunks.size()), input.length - offset);
          channel.writeInbound(allocator.buffer(size).writeBytes(input, offset, size));
          offset += size;
        }
        channel.checkException();
      });
    }

    /** Closes the channel and asserts that every buffer the pipeline allocated was released. */
    void finish() {
      channel.finishAndReleaseAll();
      assertThat(allocator.unreleased()).as("buffers never released").isEmpty();
    }
  }

  /** What decoding may allocate for an input: a small multiple of its size, never its claims. */
  private static long allocationBound(byte[] input) {
    return (1 << 20) + 64L * input.length;
  }

  /** Whether the decoder must act on the first frame: it is complete, or its length is bad. */
  private static boolean firstFrameDecides(byte[] input, int maxFrame) {
    if (input.length < LENGTH_BYTES) {
      return false;
    }
    int length = ByteBuffer.wrap(input).getInt();
    return length < 0 || length > maxFrame - LENGTH_BYTES || input.length >= LENGTH_BYTES + length;
  }

  @Property(tries = 400)
  void garbageBeforeAuthenticationIsRefusedOnceAFrameIsComplete(
      @ForAll("hostileInput") byte[] input, @ForAll("chunkSizes") List<Integer> chunks) {
    Server server = new Server();

    long allocated = server.feed(input, chunks);

    assertThat(server.channel.isOpen())
        .as("closed once the first frame is complete or its length is out of bounds")
        .isEqualTo(!firstFrameDecides(input, Framing.HANDSHAKE_MAX_FRAME));
    assertThat(server.delivered).as("what passed the handshake").isEmpty();
    assertThat(server.errors).hasSizeLessThanOrEqualTo(1).allSatisfy(
        error -> assertThat(error).isInstanceOf(DecoderException.class));
    assertThat(server.written).as("the queue's answers").first().isInstanceOf(Hello.class);
    assertThat(server.written.subList(1, server.written.size())).as("refusals")
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(refusal -> assertThat(((AuthResult) refusal).accepted()).isFalse());
    assertThat(allocated).isLessThanOrEqualTo(allocationBound(input));
    server.finish();
  }

  @Property(tries = 300)
  void garbageAfterAuthenticationClosesTheConnectionOnlyOnADecodingError(
      @ForAll("hostileInput") byte[] input, @ForAll("chunkSizes") List<Integer> chunks) {
    Server server = new Server().authenticated();

    long allocated = server.feed(input, chunks);

    assertThat(server.errors).hasSizeLessThanOrEqualTo(1).allSatisfy(
        error -> assertThat(error).isInstanceOf(DecoderException.class));
    assertThat(server.channel.isOpen()).as("open unless a decoding error was raised")
        .isEqualTo(server.errors.isEmpty());
    assertThat(server.delivered).allSatisfy(
        message -> assertThat(message).isInstanceOf(Message.class));
    assertThat(allocated).isLessThanOrEqualTo(allocationBound(input));
    server.finish();
  }

  @Property(tries = 200)
  void lengthPrefixBeyondTheLimitClosesTheConnectionBeforeTheFrameArrives(
      @ForAll("badLength") int length, @ForAll boolean authenticated) {
    Server server = authenticated ? new Server().authenticated() : new Server();
    int limit = authenticated ? MAX_FRAME : Framing.HANDSHAKE_MAX_FRAME;
    if (length >= 0 && length <= limit - LENGTH_BYTES) {
      length = limit - LENGTH_BYTES + 1 + length % 1000;
    }
    byte[] prefix = ByteBuffer.allocate(LENGTH_BYTES).putInt(length).array();

    long allocated = server.feed(prefix, List.of(LENGTH_BYTES));

    assertThat(server.channel.isOpen()).isFalse();
    assertThat(server.errors).as("a length with its top bit set is read as unsigned")
        .singleElement().isInstanceOf(TooLongFrameException.class);
    assertThat(allocated).isLessThan(256 * 1024);
    server.finish();
  }

  // --- generators

  @Provide
  Arbitrary<byte[]> hostileInput() {
    Arbitrary<byte[]> one = Arbitraries.oneOf(randomBytes(), framedRandomBytes(),
        truncatedFrames(), corruptedFrames(), framesClaimingHugeLengths(), framesWithBadLengths());
    Arbitrary<byte[]> several = Arbitraries.oneOf(validBodies().map(FrameFuzzTest::frame), one)
        .list().ofMinSize(2).ofMaxSize(6).map(FrameFuzzTest::concat);
    return Arbitraries.oneOf(one, several);
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.integers().between(1, 600).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Integer> badLength() {
    return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(Integer.MAX_VALUE, -1,
        Integer.MIN_VALUE, MAX_FRAME - LENGTH_BYTES + 1));
  }

  private static Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(6000);
  }

  /** A plausible length, then random bytes: exercises Kryo on garbage. */
  private static Arbitrary<byte[]> framedRandomBytes() {
    return Arbitraries.bytes().array(byte[].class)
        .ofMaxSize(Framing.HANDSHAKE_MAX_FRAME - LENGTH_BYTES).map(FrameFuzzTest::frame);
  }

  private static Arbitrary<byte[]> truncatedFrames() {
    return validBodies().map(FrameFuzzTest::frame).flatMap(frame ->
        Arbitraries.integers().between(0, frame.length - 1).map(n -> Arrays.copyOf(frame, n)));
  }

  private static Arbitrary<byte[]> corruptedFrames() {
    return validBodies().map(FrameFuzzTest::frame).flatMap(frame ->
        Arbitraries.integers().between(0, frame.length - 1).list().ofMinSize(1).ofMaxSize(8)
            .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size())
                .map(values -> {
                  byte[] corrupted = frame.clone();
                  for (int i = 0; i < positions.size(); i++) {
                    corrupted[positions.get(i)] = values.get(i);
                  }
                  return corrupted;
                })));
  }

  /** A valid message with a large length (of an array, string or list, maybe) spliced in. */
  private static Arbitrary<byte[]> framesClaimingHugeLengths() {
    return Combinators.combine(validBodies(), Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1 << 16,
            Integer.MAX_VALUE), Arbitraries.of(true, false))
        .as((body, at, replaced, claim, flagged) -> {
          int offset = at % (body.length + 1);
          byte[] insert = flagged ? varIntFlag(claim) : varInt(claim);
          return frame(splice(body, offset, Math.min(replaced, body.length - offset), insert));
        });
  }

  private static Arbitrary<byte[]> framesWithBadLengths() {
    return Combinators.combine(Arbitraries.oneOf(
            Arbitraries.integers().greaterOrEqual(Framing.HANDSHAKE_MAX_FRAME - LENGTH_BYTES + 1),
            Arbitraries.integers().lessOrEqual(-1)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
        .as((length, tail) -> ByteBuffer.allocate(LENGTH_BYTES + tail.length).putInt(length)
            .put(tail).array());
  }

  private static Arbitrary<byte[]> validBodies() {
    Arbitrary<Message> authRequests = Combinators.combine(Arbitraries.integers(),
        Arbitraries.of(PeerRole.class), Arbitraries.strings().ofMaxLength(40),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
        .as(AuthRequest::new);
    return Arbitraries.oneOf(Arbitraries.of(KryoMessageCodecTest.oneOfEach()), authRequests)
        .map(KryoMessageCodecTest::body);
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(part -> part.length).sum());
    parts.forEach(all::put);
    return all.array();
  }

  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(LENGTH_BYTES + body.length).putInt(body.length).put(body).array();
  }
}
