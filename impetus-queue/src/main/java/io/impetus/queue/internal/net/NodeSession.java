package io.impetus.queue.internal.net;

import io.impetus.core.net.PeerAuthenticated;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BacklogNotice;
import io.impetus.core.protocol.Backlogs;
import io.impetus.core.protocol.Drain;
import io.impetus.core.protocol.GetBundle;
import io.impetus.core.protocol.Heartbeat;
import io.impetus.core.protocol.NodeRegistered;
import io.impetus.core.protocol.NodeRequest;
import io.impetus.core.protocol.QueryBacklogs;
import io.impetus.core.protocol.RegisterNode;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.queue.internal.stream.NodeLink;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's connection: registers the node under the id it authenticated with, takes its
 * heartbeats (which renew its workers' leases) and its reports of its own workers' ends, answers
 * which streams have waiting jobs, serves code bundles for its cache; pushes backlog notices and
 * drain requests to it. When it closes, the node leaves the registry.
 */
final class NodeSession extends PeerSession<NodeRequest> implements NodeLink {

  private static final Logger LOG = LoggerFactory.getLogger(NodeSession.class);

  NodeSession(QueueState state, PeerAuthenticated peer, Channel channel) {
    super(state, peer, NodeRequest.class, channel);
  }

  @Override
  void serve(ChannelHandlerContext ctx, NodeRequest request) {
    if (request instanceof RegisterNode register) {
      register(ctx, register);
    } else if (request instanceof Heartbeat heartbeat) {
      if (!state.nodes().heartbeat(this, heartbeat.load())) {
        throw new IllegalStateException("node " + heartbeat.nodeId() + " is not registered");
      }
      state.leases().renewNode(name());
      ctx.writeAndFlush(new Ack(heartbeat.rid()));
      LOG.debug("heartbeat from node {}: {}", name(), heartbeat.load());
    } else if (request instanceof WorkerExited exited) {
      if (!exited.workerId().startsWith(name() + "/")) {
        throw new IllegalArgumentException("node " + name() + " cannot report on worker "
            + exited.workerId());
      }
      LOG.info("node {} reports that worker {} ended: {} (running {}, {})", name(),
          exited.workerId(), exited.cause(), exited.jobId() == null ? "no job" : exited.jobId(),
          exited.jobAtFault() ? "at fault" : "not at fault");
      state.workerExited(exited);
      ctx.writeAndFlush(new Ack(exited.rid()));
    } else if (request instanceof QueryBacklogs query) {
      ctx.writeAndFlush(new Backlogs(query.rid(), state.streams().stream().map(Stream::backlog)
          .filter(backlog -> backlog.waiting() > 0).toList()));
    } else if (request instanceof GetBundle get) {
      bundle(ctx, get);
    }
  }

  private void register(ChannelHandlerContext ctx, RegisterNode register) {
    if (!register.nodeId().equals(name())) {
      throw new IllegalArgumentException("node " + name() + " cannot register as "
          + register.nodeId());
    }
    state.nodes().register(this, register);
    state.leases().renewNode(register.nodeId());
    ctx.writeAndFlush(new NodeRegistered(register.rid(),
        Math.max(1, state.leases().timeout().toMillis() / 3)));
    LOG.info("node {} on {} registered (capacity {}, version {})", register.nodeId(),
        register.host(), register.capacity(), register.version());
    for (Stream stream : state.streams()) {
      StreamBacklog backlog = stream.backlog();
      if (backlog.waiting() > 0) {
        sendBacklog(backlog);
      }
    }
  }

  @Override
  void closed() {
    state.nodeClosed(this, name());
    LOG.info("node {} disconnected", name());
  }

  @Override
  public void sendBacklog(StreamBacklog backlog) {
    write(new BacklogNotice(backlog));
  }

  @Override
  public void sendDrain(long graceMillis) {
    write(new Drain(graceMillis));
  }
}
