package io.impetus.queue.internal.net;

import io.impetus.core.job.JobResult;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.PeerAuthenticated;
import io.impetus.core.net.Transport;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
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
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.ListNodes;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.NodeList;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.PutBundle;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.QueryBacklogs;
import io.impetus.core.protocol.QueryStream;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.Request;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.StreamList;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.StreamStatus;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.queue.internal.stream.ClientLink;
import io.impetus.queue.internal.stream.NodeLink;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.impetus.queue.internal.stream.WorkerLink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection: serves its requests against the queue's state and is the link
 * through which the state reaches this peer (results for a client, leases for a worker, backlog
 * notices and drain requests for a node). Each role may send only its own requests; anything
 * else closes the connection. A change is answered only once the journal has it. Each request
 * from a worker, and each heartbeat from its node, renews the worker's leases; a worker that its
 * node reported ended gets a failure for every further request. When the connection closes, a
 * client's streams keep their results for its return, a node leaves the registry, and a worker's
 * leases return to their streams as {@link QueueState#workerClosed} decides (at once, or when its
 * node reports its end).
 *
 * <p>One instance per channel; Netty calls it on the channel's event loop.
 */
final class PeerSession extends SimpleChannelInboundHandler<Message>
    implements ClientLink, WorkerLink, NodeLink {

  private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);

  private static final Map<PeerRole, Set<Class<? extends Request>>> ALLOWED = Map.of(
      PeerRole.CLIENT, Set.of(OpenStream.class, CloseStream.class, HasBundle.class,
          PutBundle.class, SubmitJobs.class, AckResults.class, PutData.class, GetData.class,
          DeleteData.class, QueryStream.class),
      PeerRole.WORKER, Set.of(LeaseJobs.class, CompleteJobs.class, GetBundle.class,
          PutData.class, GetData.class),
      PeerRole.NODE, Set.of(RegisterNode.class, Heartbeat.class, WorkerExited.class,
          QueryBacklogs.class, GetBundle.class),
      PeerRole.CONTROL, Set.of(ListNodes.class, DrainNode.class, ListStreams.class));

  private final QueueState state;
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Set<Stream> touched = ConcurrentHashMap.newKeySet();
  private @Nullable PeerAuthenticated peer;
  private @Nullable Channel channel;

  PeerSession(QueueState state) {
    this.state = state;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof PeerAuthenticated authenticated) {
      peer = authenticated;
      channel = ctx.channel();
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) {
    PeerAuthenticated who = peer;
    if (who == null || !(message instanceof Request request)
        || !ALLOWED.get(who.role()).contains(request.getClass())) {
      LOG.warn("closing {}: a {} may not send {}", ctx.channel().remoteAddress(),
          who == null ? "peer" : who.role().name().toLowerCase(),
          message.getClass().getSimpleName());
      ctx.close();
      return;
    }
    try {
      serve(ctx, request);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      ctx.writeAndFlush(new Failure(request.rid(), e.getMessage()));
    }
  }

  private void serve(ChannelHandlerContext ctx, Request request) {
    if (who().role() == PeerRole.WORKER) {
      if (state.leases().hasExited(this)) {
        sendFailure(request.rid(), "worker " + name() + " was reported ended by its node");
        return;
      }
      state.leases().renew(this);
    }
    if (request instanceof SubmitJobs submit) {
      Stream stream = stream(submit.streamId());
      ackWhenDurable(ctx, submit.rid(), stream.submit(submit.jobs()));
      state.nodes().announce(stream.backlog());
    } else if (request instanceof LeaseJobs lease) {
      Optional<Stream> stream = state.find(lease.streamId());
      if (stream.isEmpty()) {
        sendFailure(lease.rid(), "stream " + lease.streamId() + " does not exist");
        return;
      }
      stream.get().lease(this, lease.rid(), lease.max(), lease.waitMillis());
    } else if (request instanceof CompleteJobs complete) {
      Optional<Stream> stream = state.find(complete.streamId());
      ackWhenDurable(ctx, complete.rid(), stream.isEmpty() ? DONE
          : stream.get().complete(this, complete.outcomes()));
    } else if (request instanceof AckResults ack) {
      Optional<Stream> stream = state.find(ack.streamId());
      ackWhenDurable(ctx, ack.rid(), stream.isEmpty() ? DONE : stream.get().ack(ack.jobIds()));
    } else if (request instanceof OpenStream open) {
      QueueState.Opened opened = state.open(open.streamId(), open.properties());
      touched.add(opened.stream());
      List<String> unfinished = opened.stream().attach(this);
      whenDurable(ctx, open.rid(), opened.stream().durable(),
          () -> new StreamOpened(open.rid(), opened.existed(), unfinished));
      LOG.info("{} stream {} ({} jobs not yet acknowledged)",
          opened.existed() ? "re-attached" : "created", open.streamId(), unfinished.size());
    } else if (request instanceof CloseStream close) {
      QueueState.Closed closed = state.close(close.streamId());
      ackWhenDurable(ctx, close.rid(), closed.durable());
      if (closed.existed()) {
        LOG.info("deleted stream {}", close.streamId());
      }
    } else if (request instanceof PutData put) {
      ackWhenDurable(ctx, put.rid(), stream(put.streamId()).put(put.key(), put.value()));
    } else if (request instanceof GetData get) {
      ctx.writeAndFlush(new DataValue(get.rid(), stream(get.streamId()).get(get.key())));
    } else if (request instanceof DeleteData delete) {
      Stream.Removed removed = stream(delete.streamId()).remove(delete.key());
      whenDurable(ctx, delete.rid(), removed.durable(),
          () -> new DataValue(delete.rid(), removed.value()));
    } else {
      serveBundlesAndNodes(ctx, request);
    }
  }

  private void ackWhenDurable(ChannelHandlerContext ctx, long rid,
      CompletableFuture<Void> durable) {
    whenDurable(ctx, rid, durable, () -> new Ack(rid));
  }

  /** Sends the reply once the change is durable, or a failure when the journal failed. */
  private static void whenDurable(ChannelHandlerContext ctx, long rid,
      CompletableFuture<Void> durable, Supplier<? extends Message> reply) {
    if (durable.isDone() && !durable.isCompletedExceptionally()) {
      ctx.writeAndFlush(reply.get());
      return;
    }
    durable.whenComplete((done, error) -> ctx.writeAndFlush(error == null ? reply.get()
        : new Failure(rid, error.getMessage())));
  }

  private void serveBundlesAndNodes(ChannelHandlerContext ctx, Request request) {
    if (request instanceof HasBundle has) {
      ctx.writeAndFlush(new BundlePresence(has.rid(), state.bundles().contains(has.hash())));
    } else if (request instanceof PutBundle put) {
      state.bundles().put(put.hash(), put.bytes());
      ctx.writeAndFlush(new Ack(put.rid()));
    } else if (request instanceof GetBundle get) {
      byte[] bytes = state.bundles().get(get.hash()).orElseThrow(
          () -> new IllegalArgumentException("the queue holds no code bundle " + get.hash()));
      ctx.writeAndFlush(new BundleBytes(get.rid(), bytes));
    } else if (request instanceof RegisterNode register) {
      if (!register.nodeId().equals(who().peerId())) {
        throw new IllegalArgumentException("node " + who().peerId() + " cannot register as "
            + register.nodeId());
      }
      state.nodes().register(this, register);
      state.leases().renewNode(register.nodeId());
      ctx.writeAndFlush(new NodeRegistered(register.rid(), heartbeatMillis()));
      LOG.info("node {} on {} registered (capacity {}, version {})", register.nodeId(),
          register.host(), register.capacity(), register.version());
      for (Stream stream : state.streams()) {
        StreamBacklog backlog = stream.backlog();
        if (backlog.waiting() > 0) {
          sendBacklog(backlog);
        }
      }
    } else if (request instanceof Heartbeat heartbeat) {
      if (!state.nodes().heartbeat(this, heartbeat.load())) {
        throw new IllegalStateException("node " + heartbeat.nodeId() + " is not registered");
      }
      state.leases().renewNode(who().peerId());
      ctx.writeAndFlush(new Ack(heartbeat.rid()));
      LOG.debug("heartbeat from node {}: {}", who().peerId(), heartbeat.load());
    } else if (request instanceof WorkerExited exited) {
      String prefix = who().peerId() + "/";
      if (!exited.workerId().startsWith(prefix)) {
        throw new IllegalArgumentException("node " + who().peerId()
            + " cannot report on worker " + exited.workerId());
      }
      LOG.info("node {} reports that worker {} ended: {} (running {}, {})", who().peerId(),
          exited.workerId(), exited.cause(), exited.jobId() == null ? "no job" : exited.jobId(),
          exited.jobAtFault() ? "at fault" : "not at fault");
      state.workerExited(exited);
      ctx.writeAndFlush(new Ack(exited.rid()));
    } else if (request instanceof QueryStream query) {
      if (!query.streamId().equals(who().peerId())) {
        throw new IllegalArgumentException("client " + who().peerId()
            + " may ask only about its own stream, not " + query.streamId());
      }
      ctx.writeAndFlush(new StreamStatus(query.rid(),
          state.find(query.streamId()).map(Stream::stats).orElse(null),
          state.nodeStatuses().size()));
    } else if (request instanceof QueryBacklogs query) {
      ctx.writeAndFlush(new Backlogs(query.rid(), state.streams().stream().map(Stream::backlog)
          .filter(backlog -> backlog.waiting() > 0).toList()));
    } else {
      serveControl(ctx, request);
    }
  }

  private void serveControl(ChannelHandlerContext ctx, Request request) {
    if (request instanceof ListNodes list) {
      ctx.writeAndFlush(new NodeList(list.rid(), state.nodeStatuses()));
    } else if (request instanceof ListStreams list) {
      ctx.writeAndFlush(new StreamList(list.rid(), state.nowMillis(),
          state.streams().stream().map(Stream::stats).toList()));
    } else if (request instanceof DrainNode drain) {
      if (drain.graceMillis() < 0) {
        throw new IllegalArgumentException("the grace period must not be negative: "
            + drain.graceMillis());
      }
      List<NodeLink> links = state.nodes().links(drain.nodeId());
      if (links.isEmpty()) {
        throw new IllegalArgumentException("no node " + drain.nodeId() + " is registered");
      }
      links.forEach(link -> link.sendDrain(drain.graceMillis()));
      ctx.writeAndFlush(new Ack(drain.rid()));
      LOG.info("{} asked to drain node {} within {} ms", who().peerId(), drain.nodeId(),
          drain.graceMillis());
    } else {
      throw new IllegalStateException("no handler for " + request.getClass().getSimpleName());
    }
  }

  private long heartbeatMillis() {
    return Math.max(1, state.leases().timeout().toMillis() / 3);
  }

  private PeerAuthenticated who() {
    PeerAuthenticated who = peer;
    if (who == null) {
      throw new IllegalStateException("not authenticated");
    }
    return who;
  }

  private Stream stream(String streamId) {
    return state.find(streamId).orElseThrow(
        () -> new IllegalArgumentException("stream " + streamId + " does not exist"));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    PeerAuthenticated who = peer;
    if (who != null) {
      switch (who.role()) {
        case WORKER -> state.workerClosed(this);
        case CLIENT -> touched.forEach(stream -> stream.detach(this));
        case NODE -> {
          state.nodeClosed(this, who.peerId());
          LOG.info("node {} disconnected", who.peerId());
        }
        case CONTROL -> { }
        default -> throw new IllegalStateException("unknown role " + who.role());
      }
    }
    ctx.fireChannelInactive();
  }

  /**
   * A peer that does not read its replies stops being read from: its replies cannot pile up in
   * the queue's memory. Reading resumes once the outgoing buffer has drained.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("closing {}: {}", ctx.channel().remoteAddress(), Transport.describe(cause));
    ctx.close();
  }

  @Override
  public void sendResults(String streamId, List<JobResult> results) {
    write(new JobResults(streamId, results));
  }

  @Override
  public void sendLeased(long rid, List<LeasedJob> jobs) {
    write(new LeasedJobs(rid, jobs));
  }

  @Override
  public void sendFailure(long rid, String message) {
    write(new Failure(rid, message));
  }

  @Override
  public void sendBacklog(StreamBacklog backlog) {
    write(new BacklogNotice(backlog));
  }

  @Override
  public void sendDrain(long graceMillis) {
    write(new Drain(graceMillis));
  }

  @Override
  public void disconnect() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  @Override
  public String name() {
    PeerAuthenticated who = peer;
    return who == null ? "unknown" : who.peerId();
  }

  private void write(Message message) {
    Channel ch = channel;
    if (ch != null) {
      ch.writeAndFlush(message);
    }
  }
}
