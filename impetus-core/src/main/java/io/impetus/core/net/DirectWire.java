package io.impetus.core.net;

import com.esotericsoftware.kryo.Kryo;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.ProtocolKryo;
import io.impetus.core.protocol.ReferencingOutput;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's transport over a blocking socket: {@link #send} encodes and writes a message on
 * the calling thread (one at a time), so that a message leaves without waking another thread,
 * with its large byte arrays written from where they are ({@link ReferencingOutput});
 * one thread of its own reads and decodes what arrives and hands it on. The frames, the Kryo
 * messages and the handshake are those of the event-loop transport ({@link Framing}, {@link
 * KryoMessageCodec}, {@link ClientHandshake}), so the queue cannot tell them apart.
 *
 * <p>A write that waits longer than its timeout for the queue to take the bytes (a queue that
 * stopped reading without closing, as behind a network partition) closes the connection, so that
 * the writer does not wait for TCP to give up; a watchdog thread shared by all direct connections
 * checks every quarter of the timeout.
 *
 * <p>Thread-safe. Closing the socket, from either side, ends the reading thread, which then runs
 * the close callback once.
 */
final class DirectWire implements PeerConnection.Wire {

  private static final Logger LOG = LoggerFactory.getLogger(DirectWire.class);
  private static final int LENGTH_BYTES = 4;
  /** The largest encoding buffer kept between messages; larger ones are dropped after use. */
  private static final int KEPT_BUFFER = 64 * 1024;
  private static final int READ_BUFFER = 64 * 1024;
  private static final long NOT_WRITING = Long.MIN_VALUE;
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "impetus-write-watchdog");
        thread.setDaemon(true);
        return thread;
      });

  private final Socket socket;
  private final HostAndPort address;
  private final DataInputStream in;
  private final OutputStream out;
  private final int maxFrame;
  private final Kryo writeKryo = ProtocolKryo.create();
  private final Kryo readKryo = ProtocolKryo.create();
  private final Duration writeTimeout;
  private final List<Reference> references = new ArrayList<>();
  private ReferencingOutput output = newOutput();
  private volatile long writingSince = NOT_WRITING;
  private volatile @Nullable ScheduledFuture<?> watch;

  private DirectWire(Socket socket, HostAndPort address, int maxFrame, Duration writeTimeout)
      throws IOException {
    this.socket = socket;
    this.address = address;
    this.maxFrame = maxFrame;
    this.writeTimeout = writeTimeout;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), READ_BUFFER));
    this.out = socket.getOutputStream();
  }

  /**
   * Connects, authenticates with {@code handshake}, then starts the thread that hands each
   * message to {@code inbound} (which returns false to close the connection) and runs {@code
   * onClosed} once the connection is closed.
   *
   * @throws AuthenticationException when either side fails to prove the key
   * @throws PeerException when the queue cannot be reached or drops the handshake
   */
  static DirectWire connect(HostAndPort address, ClientHandshake handshake, int maxFrame,
      Duration timeout, Duration writeTimeout, Predicate<Message> inbound, Runnable onClosed,
      String threadName) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address.host(), address.port()),
          (int) timeout.toMillis());
    } catch (IOException e) {
      closeQuietly(socket);
      throw new PeerException("cannot reach the queue at " + address + ": "
          + Transport.message(e), e);
    }
    DirectWire wire;
    try {
      wire = new DirectWire(socket, address, maxFrame, writeTimeout);
      socket.setSoTimeout((int) timeout.toMillis());
      wire.send(handshake.answer(wire.read(Framing.HANDSHAKE_MAX_FRAME)));
      handshake.check(wire.read(Framing.HANDSHAKE_MAX_FRAME));
      socket.setSoTimeout(0);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw handshakeFailure(address, e);
    }
    long period = Math.max(1, writeTimeout.toMillis() / 4);
    wire.watch = WATCHDOG.scheduleWithFixedDelay(wire::checkWrite, period, period,
        TimeUnit.MILLISECONDS);
    Thread reader = new Thread(() -> wire.readAll(inbound, onClosed), threadName);
    reader.setDaemon(true);
    reader.start();
    return wire;
  }

  /** What a failed handshake tells the caller. */
  private static PeerException handshakeFailure(HostAndPort address, Exception e) {
    if (e instanceof PeerException peer) {
      return peer;
    }
    if (e instanceof SocketTimeoutException) {
      return new PeerException("the queue at " + address + " did not complete the handshake");
    }
    if (e instanceof EOFException || e instanceof SocketException) {
      return new PeerException(
          "the queue at " + address + " closed the connection during the handshake", e);
    }
    return new PeerException(
        "handshake with the queue at " + address + " failed: " + e.getMessage(), e);
  }

  /**
   * Sends on the calling thread. A message that cannot be encoded fails alone; a write that
   * fails closes the connection, since part of a frame may have left.
   */
  @Override
  public void send(Message message, Consumer<Throwable> onFailure) {
    try {
      send(message);
    } catch (IOException e) {
      close();
      onFailure.accept(e);
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  private synchronized void send(Message message) throws IOException {
    references.clear();
    output.reset();
    output.setPosition(LENGTH_BYTES);
    writeKryo.writeClassAndObject(output, message);
    long length = output.position() - LENGTH_BYTES;
    for (Reference reference : references) {
      length += reference.length();
    }
    byte[] frame = output.getBuffer();
    frame[0] = (byte) (length >>> 24);
    frame[1] = (byte) (length >>> 16);
    frame[2] = (byte) (length >>> 8);
    frame[3] = (byte) length;
    writingSince = System.nanoTime();
    try {
      int from = 0;
      for (Reference reference : references) {
        out.write(frame, from, reference.at() - from);
        out.write(reference.bytes(), reference.offset(), reference.length());
        from = reference.at();
      }
      out.write(frame, from, output.position() - from);
    } finally {
      writingSince = NOT_WRITING;
      references.clear();
    }
    if (frame.length > KEPT_BUFFER) {
      output = newOutput();
    }
  }

  private ReferencingOutput newOutput() {
    ReferencingOutput fresh = new ReferencingOutput(KEPT_BUFFER);
    fresh.referTo((at, bytes, offset, length) ->
        references.add(new Reference(at, bytes, offset, length)));
    return fresh;
  }

  /** A large array of the message being sent, which goes out after {@code at} bytes of it. */
  private record Reference(int at, byte[] bytes, int offset, int length) {}

  @Override
  public boolean isActive() {
    return !socket.isClosed();
  }

  @Override
  public void close() {
    ScheduledFuture<?> watching = watch;
    if (watching != null) {
      watching.cancel(false);
    }
    closeQuietly(socket);
  }

  /** Closes the connection when a write has waited longer than the write timeout. */
  private void checkWrite() {
    long since = writingSince;
    if (since != NOT_WRITING && System.nanoTime() - since > writeTimeout.toNanos()) {
      LOG.warn("closing connection to {}: a write waited more than {} ms for the queue to read",
          address, writeTimeout.toMillis());
      close();
    }
  }

  /** Reads frames until the connection closes or fails; runs {@code onClosed} then. */
  private void readAll(Predicate<Message> inbound, Runnable onClosed) {
    try {
      while (inbound.test(read(maxFrame))) {
        // handed on
      }
    } catch (EOFException | SocketException e) {
      // closed by either side
    } catch (IOException | CorruptedFrameException e) {
      LOG.warn("closing connection to {}: {}", address, Transport.describe(e));
    } finally {
      close();
      onClosed.run();
    }
  }

  /**
   * The next message, of at most {@code limit} bytes.
   *
   * @throws CorruptedFrameException when the frame is too long or holds no single message
   */
  private Message read(int limit) throws IOException {
    long length = in.readInt() & 0xFFFF_FFFFL;
    if (length + LENGTH_BYTES > limit) {
      throw new CorruptedFrameException(
          "frame of " + (length + LENGTH_BYTES) + " bytes exceeds the limit of " + limit);
    }
    byte[] bytes = new byte[(int) length];
    in.readFully(bytes);
    return KryoMessageCodec.decode(readKryo, bytes);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
