package io.impetus.core.net;

import io.impetus.core.protocol.Failure;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.Push;
import io.impetus.core.protocol.Reply;
import io.impetus.core.protocol.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated connection from a client, node or worker to the queue. Requests are
 * pipelined: {@link #call} returns at once and many calls may be in flight; each reply completes
 * the future of the request with the same id. Pushes from the queue go to the push listener.
 *
 * <p>Two transports carry it. {@link #open} runs the connection on an event loop of its own,
 * which encodes and writes what callers send. {@link #openDirect} writes each request on the
 * calling thread, through a blocking socket (see {@link DirectWire}): a caller that sends a
 * message and then waits, as a worker's job thread does, saves waking the event loop.
 *
 * <p>Thread-safe. Futures complete, and the push listener runs, on the connection's single
 * reading thread: they must hand work off rather than block. When the connection closes, every
 * pending call fails with {@link ConnectionClosedException}, and so does every later call.
 */
public final class PeerConnection implements QueueCaller, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** How long a direct connection's write may wait for the queue to read, as long as a call. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

  private final HostAndPort address;
  private final Map<Long, Pending<?>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextRid = new AtomicLong();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Consumer<Push> pushes;
  private volatile Wire wire;

  private PeerConnection(HostAndPort address, Consumer<Push> pushes) {
    this.address = address;
    this.pushes = pushes;
  }

  /** How an authenticated connection's messages leave, and how it closes. */
  interface Wire {

    /** Sends {@code message}; a failure to send goes to {@code onFailure}, on any thread. */
    void send(Message message, Consumer<Throwable> onFailure);

    /** Whether the connection is still up. */
    boolean isActive();

    /** Closes the connection and waits until it is closed. */
    void close();
  }

  /**
   * Connects to the queue and authenticates.
   *
   * @param address the queue
   * @param authkey the shared key
   * @param role what this peer is
   * @param peerId this peer's name, for the queue's logs
   * @param pushes receives pushed messages on the I/O thread
   * @throws AuthenticationException when either side fails to prove the key
   * @throws PeerException when the queue cannot be reached
   */
  public static PeerConnection open(
      HostAndPort address, Authkey authkey, PeerRole role, String peerId, Consumer<Push> pushes) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory("impetus-" + role.name().toLowerCase(), true),
        Transport.ioHandlers());
    PeerConnection connection = new PeerConnection(address, pushes);
    try {
      connection.connect(group, authkey, role, peerId);
      return connection;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      connection.close();
      throw e;
    }
  }

  /**
   * Connects to the queue and authenticates, like {@link #open}, over a blocking socket whose
   * requests are written by the calling thread and whose replies one thread of its own reads
   * (see {@link DirectWire}).
   *
   * @throws AuthenticationException when either side fails to prove the key
   * @throws PeerException when the queue cannot be reached
   */
  public static PeerConnection openDirect(
      HostAndPort address, Authkey authkey, PeerRole role, String peerId, Consumer<Push> pushes) {
    return openDirect(address, authkey, role, peerId, pushes, WRITE_TIMEOUT);
  }

  /** {@link #openDirect}, closing the connection when a write waits over {@code writeTimeout}. */
  static PeerConnection openDirect(HostAndPort address, Authkey authkey, PeerRole role,
      String peerId, Consumer<Push> pushes, Duration writeTimeout) {
    PeerConnection connection = new PeerConnection(address, pushes);
    connection.wire = DirectWire.connect(address, new ClientHandshake(authkey, role, peerId,
        address), Framing.DEFAULT_MAX_FRAME, CONNECT_TIMEOUT, writeTimeout, connection::dispatch,
        connection::onClosed, "impetus-" + role.name().toLowerCase() + "-reader");
    return connection;
  }

  private void connect(EventLoopGroup group, Authkey authkey, PeerRole role, String peerId) {
    Promise<Void> handshake = group.next().newPromise();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(Transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            Framing.install(ch.pipeline());
            ch.pipeline().addLast(KryoMessageCodec.NAME, new KryoMessageCodec());
            ch.pipeline().addLast("handshake", new ClientHandshakeHandler(
                authkey, role, peerId, address, Framing.DEFAULT_MAX_FRAME, handshake));
            ch.pipeline().addLast("dispatch", new Dispatcher());
          }
        });
    ChannelFuture connect =
        bootstrap.connect(new InetSocketAddress(address.host(), address.port()));
    if (!connect.awaitUninterruptibly(CONNECT_TIMEOUT.toMillis() + 1000)) {
      throw new PeerException("cannot reach the queue at " + address + ": connect timed out");
    }
    if (!connect.isSuccess()) {
      throw new PeerException("cannot reach the queue at " + address + ": "
          + describe(connect.cause()), connect.cause());
    }
    Channel channel = connect.channel();
    wire = new NettyWire(channel, group);
    channel.closeFuture().addListener(f -> onClosed());
    if (!handshake.awaitUninterruptibly(CONNECT_TIMEOUT.toMillis())) {
      throw new PeerException("the queue at " + address + " did not complete the handshake");
    }
    if (!handshake.isSuccess()) {
      Throwable cause = handshake.cause();
      throw cause instanceof PeerException peer
          ? peer
          : new PeerException("handshake with " + address + " failed: " + cause, cause);
    }
  }

  private static String describe(Throwable cause) {
    return Transport.message(cause);
  }

  /** The queue's address. */
  @Override
  public HostAndPort address() {
    return address;
  }

  /**
   * Sends a request and returns the future of its reply.
   *
   * @param request builds the request from the request id it must carry
   * @param replyType the reply expected; any other reply fails the future
   * @return completed with the reply, or failed with {@link PeerException} when the queue
   *     answers with a failure, or {@link ConnectionClosedException} when the connection closes
   */
  @Override
  public <R extends Reply> CompletableFuture<R> call(
      LongFunction<? extends Request> request, Class<R> replyType) {
    long rid = nextRid.incrementAndGet();
    Request message = request.apply(rid);
    if (message.rid() != rid) {
      throw new IllegalArgumentException(
          message.getClass().getSimpleName() + " must carry request id " + rid);
    }
    Pending<R> call = new Pending<>(replyType, message.getClass().getSimpleName());
    pending.put(rid, call);
    if (closed.isDone()) {
      pending.remove(rid);
      call.future.completeExceptionally(closedException());
      return call.future;
    }
    Wire out = wire;
    out.send(message, cause -> {
      Pending<?> failed = pending.remove(rid);
      if (failed != null) {
        String why = "cannot send to the queue at " + address + ": " + describe(cause);
        failed.future.completeExceptionally(out.isActive()
            ? new PeerException(why, cause)
            : new ConnectionClosedException(why, cause));
      }
    });
    return call.future;
  }

  /** Completes when the connection has closed, for whatever reason. */
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }

  /** Whether the connection is still up. */
  public boolean isOpen() {
    return !closed.isDone();
  }

  @Override
  public void close() {
    Wire out = wire;
    if (out != null) {
      out.close();
    }
    onClosed();
  }

  private void onClosed() {
    if (closed.complete(null)) {
      ConnectionClosedException cause = closedException();
      pending.values().forEach(call -> call.future.completeExceptionally(cause));
      pending.clear();
    }
  }

  private ConnectionClosedException closedException() {
    return new ConnectionClosedException(
        "the connection to the queue at " + address + " is closed");
  }

  private void onReply(Reply reply) {
    Pending<?> call = pending.remove(reply.rid());
    if (call == null) {
      LOG.warn("reply {} from {} answers no pending request", reply, address);
      return;
    }
    call.complete(reply, address);
  }

  /** A request waiting for its reply. */
  private static final class Pending<R extends Reply> {
    final Class<R> type;
    final String requestName;
    final CompletableFuture<R> future = new CompletableFuture<>();

    Pending(Class<R> type, String requestName) {
      this.type = type;
      this.requestName = requestName;
    }

    void complete(Reply reply, HostAndPort address) {
      if (reply instanceof Failure failure) {
        future.completeExceptionally(new PeerException(failure.message()));
      } else if (type.isInstance(reply)) {
        future.complete(type.cast(reply));
      } else {
        future.completeExceptionally(new PeerException("the queue at " + address + " answered "
            + requestName + " with " + reply.getClass().getSimpleName()));
      }
    }
  }

  /**
   * Routes a reply to its call and a push to the listener; returns false for anything else, which
   * the transport answers by closing the connection.
   */
  private boolean dispatch(Message message) {
    if (message instanceof Reply reply) {
      onReply(reply);
    } else if (message instanceof Push push) {
      pushes.accept(push);
    } else {
      LOG.warn("closing connection to {}: unexpected {}", address,
          message.getClass().getSimpleName());
      return false;
    }
    return true;
  }

  /** The event loop's transport: writes go through the channel's pipeline. */
  private record NettyWire(Channel channel, EventLoopGroup group) implements Wire {

    @Override
    public void send(Message message, Consumer<Throwable> onFailure) {
      channel.writeAndFlush(message).addListener(f -> {
        if (!f.isSuccess()) {
          onFailure.accept(f.cause());
        }
      });
    }

    @Override
    public boolean isActive() {
      return channel.isActive();
    }

    @Override
    public void close() {
      channel.close().awaitUninterruptibly();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /** Hands what the event loop decodes to {@link #dispatch}; closes on any error. */
  private final class Dispatcher extends SimpleChannelInboundHandler<Message> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message message) {
      if (!dispatch(message)) {
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("closing connection to {}: {}", address, Transport.describe(cause));
      ctx.close();
    }
  }
}
