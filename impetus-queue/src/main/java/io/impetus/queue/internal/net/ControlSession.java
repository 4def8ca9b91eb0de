package io.impetus.queue.internal.net;

import io.impetus.core.net.PeerAuthenticated;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.ControlRequest;
import io.impetus.core.protocol.DrainNode;
import io.impetus.core.protocol.ListNodes;
import io.impetus.core.protocol.ListStreams;
import io.impetus.core.protocol.NodeList;
import io.impetus.core.protocol.StreamList;
import io.impetus.queue.internal.stream.NodeLink;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A control peer's connection (the DFS, the operator's tools): lists the nodes and the streams,
 * and asks a node to drain. It holds nothing, so its closing changes nothing.
 */
final class ControlSession extends PeerSession<ControlRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);

  ControlSession(QueueState state, PeerAuthenticated peer, Channel channel) {
    super(state, peer, ControlRequest.class, channel);
  }

  @Override
  void serve(ChannelHandlerContext ctx, ControlRequest request) {
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
      LOG.info("{} asked to drain node {} within {} ms", name(), drain.nodeId(),
          drain.graceMillis());
    }
  }

  @Override
  void closed() {}
}
