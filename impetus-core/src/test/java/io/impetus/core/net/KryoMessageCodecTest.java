package io.impetus.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.BacklogNotice;
import io.impetus.core.protocol.Backlogs;
import io.impetus.core.protocol.BundleBytes;
import io.impetus.core.protocol.BundlePresence;
import io.impetus.core.protocol.CloseStream;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.DeleteData;
import io.impetus.core.protocol.Drain;
import io.impetus.core.protocol.DrainNode;
import io.impetus.core.protocol.Failure;
import io.impetus.core.protocol.GetBundle;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.HasBundle;
import io.impetus.core.protocol.Heartbeat;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.ListNodes;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.NodeList;
import io.impetus.core.protocol.NodeLoad;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.ProtocolKryo;
import io.impetus.core.protocol.PutBundle;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.QueryBacklogs;
import io.impetus.core.protocol.QueryStream;
import io.impetus.core.protocol.ReferencingOutput;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.StreamList;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.StreamStats;
import io.impetus.core.protocol.StreamStatus;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.core.protocol.WorkerExited;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The frame decoder and Kryo codec, driven through an embedded channel. */
class KryoMessageCodecTest {

  static final JobSpec SPEC = new JobSpec("j1", "pow", "a.B", "ff", new byte[] {1, 2}, 3, 0,
      "stage1", 42, Map.of("k", "v"));
  static final JobOutcome OK = new JobOutcome("j1", 7, new byte[] {4}, null, 1, 2, "n", "w");
  static final JobOutcome FAILED = new JobOutcome("j1", 7, null,
      new ErrorInfo("boom", "pow", 12, "B.pow(B.java:12)", "java.lang.Error", "trace"), 1, 2,
      "n", "w");

  /** One instance of every message type the protocol registers. */
  static List<Message> oneOfEach() {
    return List.of(
        new Hello(1, new byte[] {9}),
        new AuthRequest(1, PeerRole.WORKER, "w", new byte[] {1}, new byte[] {2}),
        new AuthResult(false, "no", new byte[0]),
        new Ack(1),
        new Failure(2, "bad"),
        new OpenStream(3, "s", Map.of("mpps", "2")),
        new StreamOpened(4, true, List.of("a", "b")),
        new CloseStream(5, "s"),
        new HasBundle(6, "ff"),
        new BundlePresence(7, false),
        new PutBundle(8, "ff", new byte[] {1}),
        new GetBundle(9, "ff"),
        new BundleBytes(10, new byte[] {2}),
        new SubmitJobs(11, "s", List.of(SPEC, SPEC)),
        new LeaseJobs(12, "s", 8, 1000),
        new LeasedJobs(13,
            List.of(new LeasedJob("j1", 7, 1, "pow", "a.B", "ff", new byte[0], 5000))),
        new CompleteJobs(14, "s", List.of(OK, FAILED)),
        new JobResults("s", List.of(new JobResult(SPEC, OK, 1), new JobResult(SPEC, FAILED, 3))),
        new AckResults(15, "s", List.of("j1")),
        new RegisterNode(16, "n", "h", 4, "dev"),
        new BacklogNotice(new StreamBacklog("s", 1, 2, Map.of())),
        new PutData(19, "s", "k", new byte[] {1}),
        new GetData(20, "s", "k"),
        new DeleteData(21, "s", "k"),
        new DataValue(22, null),
        new NodeRegistered(23, 10_000),
        new Heartbeat(24, "n", new NodeLoad(Map.of("s", 2), 1, 0.5, false)),
        new WorkerExited(25, "n/42", "j1", "the worker exited with status 3", "", true),
        new ListNodes(26),
        new NodeList(27, List.of(new NodeStatus("n", "h", 4, "dev", NodeLoad.idle(), 1L, 2))),
        new DrainNode(28, "n", 30_000),
        new Drain(30_000),
        new ListStreams(29),
        new StreamList(30, 1_000, List.of(new StreamStats("s", 1, 2, 3, 4, 5, 6,
            Map.of("mpps", "2")))),
        new QueryBacklogs(31),
        new Backlogs(32, List.of(new StreamBacklog("s", 1, 2, Map.of("weight", "2")))),
        new QueryStream(33, "s"),
        new StreamStatus(34, new StreamStats("s", 1, 2, 3, 4, 5, 6, Map.of()), 2));
  }

  private static EmbeddedChannel channel(int maxFrame) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(Framing.DECODER, Framing.decoder(maxFrame));
    channel.pipeline().addLast(Framing.ENCODER, Framing.encoder());
    channel.pipeline().addLast(new KryoMessageCodec());
    return channel;
  }

  /** Everything the channel wrote, as one buffer (the prepender writes the length apart). */
  private static ByteBuf written(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    ByteBuf part;
    while ((part = channel.readOutbound()) != null) {
      all.writeBytes(part);
      part.release();
    }
    return all;
  }

  @Test
  void everyMessageTypeSurvivesTheRoundTrip() {
    List<Message> messages = oneOfEach();
    assertThat(messages).extracting(Object::getClass)
        .containsExactlyInAnyOrderElementsOf(ProtocolKryo.messageTypes());
    EmbeddedChannel sender = channel(Framing.DEFAULT_MAX_FRAME);
    EmbeddedChannel receiver = channel(Framing.DEFAULT_MAX_FRAME);
    for (Message message : messages) {
      sender.writeOutbound(message);
      receiver.writeInbound(written(sender));
      Message received = receiver.readInbound();
      assertThat(received).usingRecursiveComparison().isEqualTo(message);
    }
  }

  @Test
  void framesSplitAcrossReadsAreReassembled() {
    EmbeddedChannel sender = channel(Framing.DEFAULT_MAX_FRAME);
    sender.writeOutbound(new Failure(5, "a message long enough to split"));
    ByteBuf frame = written(sender);
    EmbeddedChannel receiver = channel(Framing.DEFAULT_MAX_FRAME);

    receiver.writeInbound(frame.readRetainedSlice(3));
    assertThat((Object) receiver.readInbound()).isNull();
    receiver.writeInbound(frame.readRetainedSlice(10));
    assertThat((Object) receiver.readInbound()).isNull();
    receiver.writeInbound(frame);

    assertThat((Message) receiver.readInbound()).isEqualTo(
        new Failure(5, "a message long enough to split"));
  }

  @Test
  void oversizedLengthPrefixIsRejectedBeforeAnythingIsBuffered() {
    EmbeddedChannel receiver = channel(Framing.HANDSHAKE_MAX_FRAME);
    ByteBuf prefix = Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeByte(1);

    assertThatThrownBy(() -> receiver.writeInbound(prefix))
        .isInstanceOf(TooLongFrameException.class);
  }

  @Test
  void garbageFrameIsACorruptedFrame() {
    EmbeddedChannel receiver = channel(Framing.DEFAULT_MAX_FRAME);
    ByteBuf frame = Unpooled.buffer().writeInt(4).writeInt(0x7fffffff);

    assertThatThrownBy(() -> receiver.writeInbound(frame))
        .isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("malformed message");
  }

  @Test
  void encodingALargeMessageLeavesNoLargeBufferBehind() {
    KryoMessageCodec codec = new KryoMessageCodec();
    EmbeddedChannel sender = new EmbeddedChannel(codec);

    sender.writeOutbound(new PutBundle(1, "ff", new byte[1 << 20]));

    assertThat(((ByteBuf) sender.readOutbound()).release()).isTrue();
    assertThat(codec.keptBytes()).isLessThanOrEqualTo(KryoMessageCodec.KEPT_BUFFER);
  }

  @Test
  void aLargeMessageGoesOutInBuffersOfAChunkAtMostAndComesBackWhole() {
    RecordingAllocator allocator = new RecordingAllocator();
    EmbeddedChannel sender = channel(Framing.DEFAULT_MAX_FRAME);
    sender.config().setAllocator(allocator);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5 * FrameOutput.CHUNK / 100; i++) {
      names.add(i + "x".repeat(100));
    }
    StreamOpened message = new StreamOpened(1, true, names);

    sender.writeOutbound(message);

    assertThat(allocator.allocated()).hasSizeGreaterThan(5).allSatisfy(
        buffer -> assertThat(buffer.capacity()).isLessThanOrEqualTo(FrameOutput.CHUNK));
    EmbeddedChannel receiver = channel(Framing.DEFAULT_MAX_FRAME);
    receiver.writeInbound(written(sender));
    assertThat((Message) receiver.readInbound()).usingRecursiveComparison().isEqualTo(message);
    assertThat(allocator.unreleased()).isEmpty();
  }

  @Test
  void aLargeArrayGoesIntoItsFrameAsItIsAndIsCopiedOnceOnArrival() {
    RecordingAllocator allocator = new RecordingAllocator();
    EmbeddedChannel sender = new EmbeddedChannel(new KryoMessageCodec());
    sender.config().setAllocator(allocator);
    byte[] bundle = new byte[5 * FrameOutput.CHUNK + 123];
    new Random(7).nextBytes(bundle);
    PutBundle message = new PutBundle(1, "ff", bundle);

    sender.writeOutbound(message);

    ByteBuf frame = sender.readOutbound();
    assertThat(((CompositeByteBuf) frame).decompose(0, frame.readableBytes()))
        .anySatisfy(part -> assertThat(part.array()).isSameAs(bundle));
    assertThat(allocator.allocated()).allSatisfy(
        buffer -> assertThat(buffer.capacity()).isLessThan(ReferencingOutput.SMALLEST_REFERENCE));
    ByteBuf arrived = Unpooled.directBuffer(frame.readableBytes()).writeBytes(frame);
    frame.release();
    EmbeddedChannel receiver = new EmbeddedChannel(new KryoMessageCodec());
    receiver.writeInbound(arrived);
    assertThat((Message) receiver.readInbound()).usingRecursiveComparison().isEqualTo(message);
    assertThat(arrived.refCnt()).isZero();
    assertThat(allocator.unreleased()).isEmpty();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aMessageThatFailsHalfwayReleasesEveryBufferItFilled() {
    RecordingAllocator allocator = new RecordingAllocator();
    EmbeddedChannel sender = channel(Framing.DEFAULT_MAX_FRAME);
    sender.config().setAllocator(allocator);
    List<String> rogue = (List) List.of("x".repeat(3 * FrameOutput.CHUNK), new Object());

    assertThatThrownBy(() -> sender.writeOutbound(new StreamOpened(4, true, rogue)))
        .hasMessageContaining("not registered");
    assertThat(allocator.allocated()).hasSizeGreaterThan(2);
    assertThat(allocator.unreleased()).isEmpty();
  }

  @Test
  void unregisteredClassCannotBeSent() {
    EmbeddedChannel sender = channel(Framing.DEFAULT_MAX_FRAME);
    record Rogue(String payload) implements Message {}

    assertThatThrownBy(() -> sender.writeOutbound(new Rogue("x")))
        .hasMessageContaining("not registered");
  }

  /** Bytes that a 10-byte frame must never make the receiver allocate. */
  private static final long ONE_MIB = 1 << 20;

  /** The body of a frame: one message as the codec encodes it. */
  static byte[] body(Object message) {
    Kryo kryo = ProtocolKryo.create();
    Output output = new Output(256, -1);
    kryo.writeClassAndObject(output, message);
    return output.toBytes();
  }

  /** {@code body} with {@code length} bytes at {@code offset} replaced by {@code insert}. */
  static byte[] splice(byte[] body, int offset, int length, byte[] insert) {
    byte[] spliced = new byte[body.length - length + insert.length];
    System.arraycopy(body, 0, spliced, 0, offset);
    System.arraycopy(insert, 0, spliced, offset, insert.length);
    System.arraycopy(body, offset + length, spliced, offset + insert.length,
        body.length - offset - length);
    return spliced;
  }

  /** Where {@code part} first occurs in {@code bytes}, or -1. */
  static int indexOf(byte[] bytes, byte[] part) {
    for (int at = 0; at + part.length <= bytes.length; at++) {
      if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length)) {
        return at;
      }
    }
    return -1;
  }

  /** Kryo's positive variable-length int, as byte array and collection lengths are written. */
  static byte[] varInt(int value) {
    Output output = new Output(5);
    output.writeVarInt(value, true);
    return output.toBytes();
  }

  /** Kryo's flagged variable-length int, as string and collection lengths are written. */
  static byte[] varIntFlag(int value) {
    Output output = new Output(5);
    output.writeVarIntFlag(true, value, true);
    return output.toBytes();
  }

  /** Bytes the calling thread allocated while running {@code action}. */
  static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  /** Feeds one frame holding {@code body}; returns what it threw, asserting it allocated little. */
  private static Throwable decodeClaimingTooMuch(byte[] body, int maxFrame) {
    EmbeddedChannel receiver = channel(maxFrame);
    ByteBuf frame = Unpooled.buffer().writeInt(body.length).writeBytes(body);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    long allocated = allocatedBy(() -> {
      try {
        receiver.writeInbound(frame);
      } catch (RuntimeException | Error e) {
        thrown.set(e);
      }
    });
    assertThat(allocated).as("bytes allocated for a %d-byte frame", body.length)
        .isLessThan(ONE_MIB);
    assertThat(frame.refCnt()).isZero();
    return thrown.get();
  }

  @Test
  void byteArrayClaimingMoreBytesThanItsFrameHoldsIsRefusedBeforeAllocation() {
    byte[] hello = body(new Hello(2, new byte[] {1, 2, 3}));
    assertThat(hello[1]).as("nonce length + 1").isEqualTo((byte) 4);

    Throwable thrown = decodeClaimingTooMuch(
        splice(hello, 1, 1, varInt(1 << 28)), Framing.HANDSHAKE_MAX_FRAME);

    assertThat(thrown).isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("byte array of 268435455 bytes");
  }

  @Test
  void byteArrayClaimingMoreBytesThanALargeFrameHoldsIsRefusedWhereTheFrameIs() {
    byte[] bundle = body(new PutBundle(1, "ff", new byte[KryoMessageCodec.READ_IN_PLACE]));
    byte[] length = varInt(KryoMessageCodec.READ_IN_PLACE + 1);
    int at = indexOf(bundle, length);
    assertThat(at).as("where the bundle's length + 1 is").isPositive();

    Throwable thrown = decodeClaimingTooMuch(
        splice(bundle, at, length.length, varInt(1 << 28)), Framing.DEFAULT_MAX_FRAME);

    assertThat(thrown).isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("byte array of 268435455 bytes");
  }

  @Test
  void stringClaimingMoreCharsThanItsFrameHoldsIsRefusedBeforeAllocation() {
    byte[] failure = body(new Failure(5, "\u00e9"));
    assertThat(failure[1]).as("UTF-8 flag and char count + 1").isEqualTo((byte) 0x82);

    Throwable thrown = decodeClaimingTooMuch(
        splice(failure, 1, 1, varIntFlag(1 << 27)), Framing.HANDSHAKE_MAX_FRAME);

    assertThat(thrown).isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("string of 134217727 chars");
  }

  @Test
  void listClaimingMoreElementsThanItsFrameHoldsIsRefusedBeforeAllocation() {
    byte[] ack = body(new AckResults(1, "s", List.of("a", "b")));
    assertThat(ack[3]).as("same-class flag and size + 1").isEqualTo((byte) 0x83);

    Throwable thrown = decodeClaimingTooMuch(
        splice(ack, 3, 1, varIntFlag(1 << 26)), Framing.HANDSHAKE_MAX_FRAME);

    assertThat(thrown).isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("list of 67108863 elements");
  }

  @Test
  void deeplyNestedFrameIsRefusedWithoutExhaustingTheStack() throws InterruptedException {
    AtomicReference<byte[]> nested = new AtomicReference<>();
    Thread encoder = new Thread(null, () -> {
      Object list = new ArrayList<>();
      for (int depth = 0; depth < 20_000; depth++) {
        list = new ArrayList<>(List.of(list));
      }
      Kryo kryo = ProtocolKryo.create();
      kryo.setMaxDepth(Integer.MAX_VALUE);
      Output output = new Output(256, -1);
      kryo.writeClassAndObject(output, list);
      nested.set(output.toBytes());
    }, "deep-encoder", 1L << 30);
    encoder.start();
    encoder.join();

    Throwable thrown = decodeClaimingTooMuch(nested.get(), Framing.DEFAULT_MAX_FRAME);

    assertThat(thrown).isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("Max depth exceeded");
  }
}
