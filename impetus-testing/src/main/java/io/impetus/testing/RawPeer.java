package io.impetus.testing;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HandshakeProofs;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.protocol.AuthRequest;
import io.impetus.core.protocol.AuthResult;
import io.impetus.core.protocol.Hello;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.ProtocolKryo;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A peer that speaks the queue's protocol by hand over a plain blocking socket, so that a test
 * can send any bytes at any point: before the handshake, or after authenticating with the real
 * proof ({@link HandshakeProofs}).
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RawPeer implements AutoCloseable {

  /** How long a blocking read may wait for the queue before the test fails. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How long {@link #closedByServer} waits for the queue before answering no. */
  private static final int POLL_MILLIS = 20;

  private final Socket socket;
  private final Kryo kryo = ProtocolKryo.create();

  private RawPeer(Socket socket) {
    this.socket = socket;
  }

  /** Connects to the queue; reads nothing yet. */
  public static RawPeer connect(HostAndPort queue) {
    try {
      Socket socket = new Socket(queue.host(), queue.port());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) PATIENCE.toMillis());
      return new RawPeer(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This end's port, which the queue's log lines name. */
  public int localPort() {
    return socket.getLocalPort();
  }

  /** The frame that carries {@code message}, as the codec would encode it. */
  public static byte[] frame(Message message) {
    return frame(body(message));
  }

  /** {@code message} as the codec would encode it, without the length prefix. */
  public static byte[] body(Message message) {
    Output output = new Output(256, -1);
    ProtocolKryo.create().writeClassAndObject(output, message);
    return output.toBytes();
  }

  /** The frame that carries {@code body}. */
  public static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  /** Sends raw bytes. */
  public void send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends raw bytes unless the queue has closed the connection meanwhile.
   *
   * @return false when the queue had already closed it
   */
  public boolean trySend(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads the next message, waiting for it at most {@link #PATIENCE}. */
  public Message read() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return (Message) kryo.readClassAndObject(ProtocolKryo.reader(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the real handshake with {@code key}; fails unless the queue accepts it. */
  public RawPeer authenticate(Authkey key, PeerRole role, String peerId) {
    HandshakeProofs proofs = new HandshakeProofs(key);
    Hello hello = (Hello) read();
    byte[] nonce = HandshakeProofs.nonce();
    send(frame(new AuthRequest(ProtocolKryo.VERSION, role, peerId, nonce,
        proofs.peerProof(hello.nonce(), nonce, role, peerId))));
    AuthResult result = (AuthResult) read();
    if (!result.accepted()) {
      throw new IllegalStateException("the queue refused " + peerId + ": " + result.reason());
    }
    return this;
  }

  /**
   * Whether the queue greeted this connection (with its {@link Hello}) rather than closing it
   * unread, as it does beyond its connection limit.
   *
   * @throws AssertionError when the queue does neither for {@link #PATIENCE}
   */
  public boolean greeted() {
    try {
      return socket.getInputStream().read() >= 0;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the queue neither greeted nor closed the connection from port "
          + localPort() + " for " + PATIENCE.toSeconds() + " s", e);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads until the queue closes the connection.
   *
   * @return how many bytes the queue sent before closing
   * @throws AssertionError when the queue keeps the connection open for {@link #PATIENCE}
   */
  public int readUntilClosed() {
    int count = 0;
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        count += n;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the queue kept the connection from port " + localPort()
          + " open for " + PATIENCE.toSeconds() + " s", e);
    } catch (IOException e) {
      // Reset by the queue: closed too.
    }
    return count;
  }

  /**
   * Whether the queue has closed the connection; waits briefly for it, discarding what it sent.
   * For Awaitility, which decides how long to keep asking.
   */
  public boolean closedByServer() {
    try {
      socket.setSoTimeout(POLL_MILLIS);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (true) {
        if (in.read(buffer) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    } finally {
      try {
        socket.setSoTimeout((int) PATIENCE.toMillis());
      } catch (IOException e) {
        // Closed meanwhile: nothing left to read with a timeout.
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
