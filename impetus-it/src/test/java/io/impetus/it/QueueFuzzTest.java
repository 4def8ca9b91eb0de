package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.Framing;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.testing.RawPeer;
import com.esotericsoftware.kryo.io.Output;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.Failure;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.StreamOpened;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.core.ConditionFactory;

/**
 * Hostile connections against a real queue process ({@code bin/impetus-queue ... foreground})
 * with a small heap and direct memory, while a well-behaved client keeps doing round trips on it:
 * random bytes, random frames, handshakes that start right and turn to garbage, truncated frames,
 * length prefixes beyond the limit, garbage and forbidden messages after a real handshake, more
 * connections than the limit, and silent connections. The queue must close each offending
 * connection with a logged reason, never fail a round trip of the good client, never run out of
 * memory (it runs with {@code -XX:+ExitOnOutOfMemoryError}) and never leak a buffer (Netty's
 * leak detector runs at its paranoid level).
 */
class QueueFuzzTest {

  private static final Authkey KEY = Authkey.of("fuzz-key");
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String JAVA_OPTIONS = "-Xmx96m -XX:MaxDirectMemorySize=64m"
      + " -XX:+ExitOnOutOfMemoryError -Dio.netty.leakDetection.level=paranoid";

  /** The daemon's connection limit and handshake timeout, the defaults of QueueConfig. */
  private static final int CONNECTION_LIMIT = 1024;
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private static final int SILENT_PEERS = 4;
  private static final int LENGTH_BYTES = 4;

  private static Path dir;
  private static RunningProcess queue;
  private static HostAndPort address;
  private static List<RawPeer> silent;
  private static WellBehavedClient client;

  @BeforeContainer
  static void startQueueAndAWellBehavedClient() throws IOException {
    dir = Files.createTempDirectory("queue-fuzz");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    queue = RunningProcess.start(dir, "queue", List.of(script("bin/impetus-queue"), "-p",
            Integer.toString(port), "-a", KEY.reveal(), "--data", dir.resolve("data").toString(),
            "foreground"),
        Map.of("IMPETUS_JAVA_OPTS", JAVA_OPTIONS)).awaitOutput("queue listening");
    address = new HostAndPort("127.0.0.1", port);
    silent = IntStream.range(0, SILENT_PEERS).mapToObj(i -> RawPeer.connect(address)).toList();
    silent.forEach(peer -> assertThat(peer.read()).isInstanceOf(Hello.class));
    client = WellBehavedClient.start(address);
  }

  @AfterContainer
  static void stopEverything() throws IOException {
    if (client != null) {
      client.close();
    }
    if (silent != null) {
      silent.forEach(RawPeer::close);
    }
    if (queue != null) {
      queue.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }

  @Property(tries = 150)
  void hostileConnectionsAreClosedWithAReasonAndNeverDisturbAWellBehavedClient(
      @ForAll("attacks") List<Attack> attacks) {
    List<RawPeer> peers = attacks.stream().map(Attack::connect).toList();
    try {
      sendInterleaved(attacks, peers);
      for (int i = 0; i < attacks.size(); i++) {
        if (attacks.get(i).mustBeClosed()) {
          RawPeer peer = peers.get(i);
          peer.readUntilClosed();
          eventually().until(() -> loggedAbout(peer.localPort()));
        }
      }
    } finally {
      peers.forEach(RawPeer::close);
    }
    assertQueueHealthy();
  }

  @Example
  void connectionsBeyondTheLimitAreClosedAtOnceWhileTheOthersAreServed() {
    int extra = 16;
    List<RawPeer> flood = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTION_LIMIT + extra; i++) {
        flood.add(RawPeer.connect(address));
      }
      // The queue greets each connection it accepts with a Hello and closes the others unread.
      long refused = flood.stream().filter(peer -> !peer.greeted()).count();

      assertThat(refused).isGreaterThanOrEqualTo(extra);
      assertThat(queue.stderr()).contains("connections are open, the limit is " + CONNECTION_LIMIT);
      assertQueueHealthy();
    } finally {
      flood.forEach(RawPeer::close);
    }
    // The queue counts a connection until it sees it closed; the other tests need room again.
    eventually().until(() -> roomFor(extra));
    eventually().ignoreExceptions().until(WellBehavedClient::freshRoundTrip);
  }

  /** Whether the queue accepts {@code count} more connections at once. */
  private static boolean roomFor(int count) {
    List<RawPeer> peers = IntStream.range(0, count).mapToObj(i -> RawPeer.connect(address))
        .toList();
    try {
      return peers.stream().allMatch(RawPeer::greeted);
    } finally {
      peers.forEach(RawPeer::close);
    }
  }

  @Example
  void silentPeersAreDroppedAfterTheHandshakeTimeout() {
    for (RawPeer peer : silent) {
      eventually().until(peer::closedByServer);
      assertThat(queue.stderr()).contains("127.0.0.1:" + peer.localPort()
          + ": no authentication within " + HANDSHAKE_TIMEOUT_MILLIS + " ms");
    }
    assertQueueHealthy();
  }

  /** Awaitility, polling often: most of what the tests wait for takes milliseconds. */
  private static ConditionFactory eventually() {
    return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
  }

  private static void assertQueueHealthy() {
    assertQueueAlive();
    assertThat(queue.stdout() + queue.stderr()).doesNotContain("MemoryError")
        .doesNotContain("LEAK:");
    client.assertServed();
  }

  private static void assertQueueAlive() {
    if (!queue.isAlive()) {
      String output = queue.stdout() + queue.stderr();
      throw new AssertionError("the queue died; its output ends with:\n"
          + output.substring(Math.max(0, output.length() - 3000)));
    }
  }

  /** Whether the queue logged why it closed the connection from {@code port}. */
  private static boolean loggedAbout(int port) {
    assertQueueAlive();
    String stderr = queue.stderr();
    return stderr.contains("127.0.0.1:" + port + ":") || stderr.contains("127.0.0.1:" + port + " ");
  }

  /** Sends each attack's bytes in its chunks, taking turns, until all is sent or refused. */
  private static void sendInterleaved(List<Attack> attacks, List<RawPeer> peers) {
    int[] sent = new int[attacks.size()];
    boolean[] done = new boolean[attacks.size()];
    for (int round = 0; !allTrue(done); round++) {
      for (int i = 0; i < attacks.size(); i++) {
        Attack attack = attacks.get(i);
        if (done[i]) {
          continue;
        }
        int size = Math.min(attack.chunks().get(round % attack.chunks().size()),
            attack.bytes().length - sent[i]);
        done[i] = !peers.get(i).trySend(Arrays.copyOfRange(attack.bytes(), sent[i],
            sent[i] + size));
        sent[i] += size;
        done[i] |= sent[i] == attack.bytes().length;
      }
    }
  }

  private static boolean allTrue(boolean[] values) {
    for (boolean value : values) {
      if (!value) {
        return false;
      }
    }
    return true;
  }

  // --- the attacks

  /**
   * One hostile connection.
   *
   * @param kind what it is, for reports
   * @param role the role it authenticates as first, or null to send its bytes unauthenticated
   * @param bytes what it sends
   * @param chunks the sizes of its writes, cycled
   * @param mustBeClosed whether the queue must close it once it has sent everything
   */
  record Attack(String kind, PeerRole role, byte[] bytes, List<Integer> chunks,
      boolean mustBeClosed) {

    RawPeer connect() {
      RawPeer peer = RawPeer.connect(address);
      return role == null ? peer : peer.authenticate(KEY, role, "fuzz-" + kind);
    }

    @Override
    public String toString() {
      return kind + (role == null ? "" : " as " + role) + ": " + bytes.length + " bytes "
          + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 24)) + "… in chunks of "
          + chunks + (mustBeClosed ? ", must be closed" : "");
    }
  }

  @Provide
  Arbitrary<List<Attack>> attacks() {
    Arbitrary<Attack> attack = Arbitraries.oneOf(
        before("random bytes", Arbitraries.bytes().array(byte[].class).ofMaxSize(6000)),
        before("random frame", randomBodies().map(RawPeer::frame)),
        before("handshake turning to garbage", handshakesTurningToGarbage()),
        before("truncated handshake", truncatedHandshakes()),
        before("length beyond the limit", beyondTheLimit(Framing.HANDSHAKE_MAX_FRAME)),
        before("message claiming a huge length", messagesClaimingHugeLengths()),
        after("random bytes", Arbitraries.bytes().array(byte[].class).ofMaxSize(6000), false),
        after("random frame", randomBodies().map(RawPeer::frame), false),
        after("length beyond the limit", beyondTheLimit(Framing.DEFAULT_MAX_FRAME), true),
        after("message claiming a huge length", messagesClaimingHugeLengths(), false),
        after("forbidden message", Arbitraries.of(new LeaseJobs(1, "s", 1, 0), new Ack(2),
            new Hello(1, new byte[1])).map(RawPeer::frame), true));
    return attack.list().ofMinSize(1).ofMaxSize(4);
  }

  private static Arbitrary<List<Integer>> chunks() {
    return Arbitraries.integers().between(1, 2000).list().ofMinSize(1).ofMaxSize(6);
  }

  /** An unauthenticated attack, which must be closed once its first frame is complete. */
  private static Arbitrary<Attack> before(String kind, Arbitrary<byte[]> bytes) {
    return Combinators.combine(bytes, chunks()).as((input, chunks) -> new Attack(kind, null,
        input, chunks, firstFrameDecides(input, Framing.HANDSHAKE_MAX_FRAME)));
  }

  /** An attack by a client that authenticated properly first. */
  private static Arbitrary<Attack> after(String kind, Arbitrary<byte[]> bytes,
      boolean mustBeClosed) {
    return Combinators.combine(bytes, chunks()).as((input, chunks) -> new Attack(kind,
        PeerRole.CLIENT, input, chunks, mustBeClosed));
  }

  private static Arbitrary<byte[]> randomBodies() {
    return Arbitraries.bytes().array(byte[].class)
        .ofMaxSize(Framing.HANDSHAKE_MAX_FRAME - LENGTH_BYTES);
  }

  private static Arbitrary<byte[]> authRequestBodies() {
    return Combinators.combine(Arbitraries.of(PeerRole.class),
            Arbitraries.strings().ofMaxLength(30),
            Arbitraries.bytes().array(byte[].class).ofSize(32))
        .as((role, id, nonce) -> RawPeer.body(new AuthRequest(2, role, id, nonce, new byte[32])));
  }

  /** A frame that starts as a proper authentication request and goes on as garbage. */
  private static Arbitrary<byte[]> handshakesTurningToGarbage() {
    return Combinators.combine(authRequestBodies(), Arbitraries.integers().between(0, 200),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3000))
        .as((body, keep, garbage) -> {
          byte[] start = Arrays.copyOf(body, Math.min(keep, body.length));
          return RawPeer.frame(ByteBuffer.allocate(start.length + garbage.length).put(start)
              .put(garbage).array());
        });
  }

  private static Arbitrary<byte[]> truncatedHandshakes() {
    return authRequestBodies().map(RawPeer::frame).flatMap(frame ->
        Arbitraries.integers().between(0, frame.length - 1)
            .map(length -> Arrays.copyOf(frame, length)));
  }

  /**
   * A valid message with a large number spliced in somewhere, where it may be read as the length
   * of an array, a string or a list: a few bytes that claim megabytes to gigabytes.
   */
  private static Arbitrary<byte[]> messagesClaimingHugeLengths() {
    Arbitrary<byte[]> bodies = Arbitraries.of(new Hello(2, new byte[32]),
        new AuthRequest(2, PeerRole.CLIENT, "c", new byte[32], new byte[32]),
        new Failure(1, "d\u00e9j\u00e0 vu"), new AckResults(1, "s", List.of("a", "b")),
        new PutData(1, "s", "k", new byte[8]), new OpenStream(1, "s", Map.of("k", "v")))
        .map(RawPeer::body);
    return Combinators.combine(bodies, Arbitraries.integers().between(0, 200),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(1 << 20, Integer.MAX_VALUE), Arbitraries.of(true, false))
        .as((body, at, replaced, claim, flagged) -> {
          int offset = at % (body.length + 1);
          Output number = new Output(5);
          if (flagged) {
            number.writeVarIntFlag(true, claim, true);
          } else {
            number.writeVarInt(claim, true);
          }
          int dropped = Math.min(replaced, body.length - offset);
          return RawPeer.frame(ByteBuffer.allocate(body.length - dropped + number.position())
              .put(body, 0, offset).put(number.toBytes())
              .put(body, offset + dropped, body.length - offset - dropped).array());
        });
  }

  /** A length prefix beyond {@code limit} (read as unsigned), then some bytes. */
  private static Arbitrary<byte[]> beyondTheLimit(int limit) {
    return Combinators.combine(Arbitraries.oneOf(Arbitraries.just(0x7fffffff),
                Arbitraries.integers().between(limit - LENGTH_BYTES + 1, Integer.MAX_VALUE),
                Arbitraries.integers().lessOrEqual(-1)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(2000))
        .as((length, tail) -> ByteBuffer.allocate(LENGTH_BYTES + tail.length).putInt(length)
            .put(tail).array());
  }

  /** Whether the queue must act on the first frame: it is complete, or its length is bad. */
  private static boolean firstFrameDecides(byte[] input, int maxFrame) {
    if (input.length < LENGTH_BYTES) {
      return false;
    }
    int length = ByteBuffer.wrap(input).getInt();
    return length < 0 || length > maxFrame - LENGTH_BYTES || input.length >= LENGTH_BYTES + length;
  }

  // --- the well-behaved client

  /**
   * A client doing a PutData/GetData round trip every few milliseconds on its own stream,
   * recording any failure.
   */
  private static final class WellBehavedClient implements AutoCloseable {

    private static final String STREAM = "well-behaved";

    private final PeerConnection connection;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    private WellBehavedClient(PeerConnection connection) {
      this.connection = connection;
    }

    static WellBehavedClient start(HostAndPort queue) {
      PeerConnection connection =
          PeerConnection.open(queue, KEY, PeerRole.CLIENT, STREAM, push -> { });
      join(connection.call(rid -> new OpenStream(rid, STREAM, Map.of()), StreamOpened.class));
      WellBehavedClient client = new WellBehavedClient(connection);
      client.pacer.scheduleWithFixedDelay(client::roundTrip, 0, 5, TimeUnit.MILLISECONDS);
      return client;
    }

    /** A new connection from a new client, which opens a stream and does one round trip. */
    static boolean freshRoundTrip() {
      String stream = "fresh-" + System.nanoTime();
      try (PeerConnection fresh =
          PeerConnection.open(address, KEY, PeerRole.CLIENT, stream, push -> { })) {
        join(fresh.call(rid -> new OpenStream(rid, stream, Map.of()), StreamOpened.class));
        return roundTrip(fresh, stream, 0);
      }
    }

    private void roundTrip() {
      if (!failures.isEmpty()) {
        return;
      }
      try {
        roundTrip(connection, STREAM, roundTrips.get());
        roundTrips.incrementAndGet();
      } catch (RuntimeException | AssertionError e) {
        failures.add(e);
      }
    }

    private static boolean roundTrip(PeerConnection connection, String stream, int n) {
      byte[] value = ("value " + n).getBytes(StandardCharsets.UTF_8);
      String key = "key " + n % 16;
      join(connection.call(rid -> new PutData(rid, stream, key, value), Ack.class));
      DataValue read = join(connection.call(rid -> new GetData(rid, stream, key),
          DataValue.class));
      assertThat(read.value()).as("value read back").isEqualTo(value);
      return true;
    }

    /** Asserts that no round trip failed and that another one completes from now on. */
    void assertServed() {
      int before = roundTrips.get();
      eventually().until(() -> {
        assertQueueAlive();
        return !failures.isEmpty() || roundTrips.get() > before;
      });
      assertThat(failures).as("failed round trips of the well-behaved client").isEmpty();
    }

    private static <T> T join(CompletableFuture<T> reply) {
      try {
        return reply.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("no reply within " + PATIENCE, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      pacer.shutdownNow();
      connection.close();
    }
  }
}
