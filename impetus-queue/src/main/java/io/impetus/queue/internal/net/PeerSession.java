package io.impetus.queue.internal.net;

import io.impetus.core.net.PeerAuthenticated;
import io.impetus.core.net.Transport;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BundleBytes;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.Failure;
import io.impetus.core.protocol.GetBundle;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.Request;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection of one role: serves the requests of that role's sealed set
 * ({@code R}) against the queue's state, and nothing else: another message closes the connection
 * unread. The handshake installs the role's subclass ({@link SessionInstaller}), so the peer's
 * identity and role are known from the first request. A change is answered only once the journal
 * has it; a request the state refuses gets a {@link Failure} and the connection stays open.
 *
 * <p>One instance per channel; Netty calls it on the channel's event loop.
 *
 * @param <R> the requests of the role
 */
abstract class PeerSession<R extends Request> extends SimpleChannelInboundHandler<Message> {

  private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);
  /** A change that needed no journal record. */
  static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  final QueueState state;
  final PeerAuthenticated peer;
  private final Class<R> accepted;
  private final Channel channel;

  PeerSession(QueueState state, PeerAuthenticated peer, Class<R> accepted, Channel channel) {
    this.state = state;
    this.peer = peer;
    this.accepted = accepted;
    this.channel = channel;
  }

  /** Serves one request of the role. */
  abstract void serve(ChannelHandlerContext ctx, R request);

  /** Lets the state know the connection closed. */
  abstract void closed();

  @Override
  protected final void channelRead0(ChannelHandlerContext ctx, Message message) {
    if (!accepted.isInstance(message)) {
      LOG.warn("closing {}: a {} may not send {}", ctx.channel().remoteAddress(),
          peer.role().name().toLowerCase(Locale.ROOT), message.getClass().getSimpleName());
      ctx.close();
      return;
    }
    R request = accepted.cast(message);
    try {
      serve(ctx, request);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      ctx.writeAndFlush(new Failure(request.rid(), e.getMessage()));
    }
  }

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    closed();
    ctx.fireChannelInactive();
  }

  /**
   * A peer that does not read its replies stops being read from: its replies cannot pile up in
   * the queue's memory. Reading resumes once the outgoing buffer has drained.
   */
  @Override
  public final void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("closing {}: {}", ctx.channel().remoteAddress(), Transport.describe(cause));
    ctx.close();
  }

  /** The id the peer authenticated with. */
  public final String name() {
    return peer.peerId();
  }

  /** Closes the connection. */
  public final void disconnect() {
    channel.close();
  }

  /** Sends {@code message} to the peer, from any thread. */
  final void write(Message message) {
    channel.writeAndFlush(message);
  }

  final Stream stream(String streamId) {
    return state.find(streamId).orElseThrow(
        () -> new IllegalArgumentException("stream " + streamId + " does not exist"));
  }

  /** Stores a value in a stream's data store (clients and jobs). */
  final void put(ChannelHandlerContext ctx, PutData put) {
    ackWhenDurable(ctx, put.rid(), stream(put.streamId()).put(put.key(), put.value()));
  }

  /** Reads a value of a stream's data store (clients and jobs). */
  final void get(ChannelHandlerContext ctx, GetData get) {
    ctx.writeAndFlush(new DataValue(get.rid(), stream(get.streamId()).get(get.key())));
  }

  /** Sends a code bundle (workers, and nodes for their cache). */
  final void bundle(ChannelHandlerContext ctx, GetBundle get) {
    byte[] bytes = state.bundles().get(get.hash()).orElseThrow(
        () -> new IllegalArgumentException("the queue holds no code bundle " + get.hash()));
    ctx.writeAndFlush(new BundleBytes(get.rid(), bytes));
  }

  static void ackWhenDurable(ChannelHandlerContext ctx, long rid,
      CompletableFuture<Void> durable) {
    whenDurable(ctx, rid, durable, () -> new Ack(rid));
  }

  /** Sends the reply once the change is durable, or a failure when the journal failed. */
  static void whenDurable(ChannelHandlerContext ctx, long rid,
      CompletableFuture<Void> durable, Supplier<? extends Message> reply) {
    if (durable.isDone() && !durable.isCompletedExceptionally()) {
      ctx.writeAndFlush(reply.get());
      return;
    }
    durable.whenComplete((done, error) -> ctx.writeAndFlush(error == null ? reply.get()
        : new Failure(rid, error.getMessage())));
  }
}
