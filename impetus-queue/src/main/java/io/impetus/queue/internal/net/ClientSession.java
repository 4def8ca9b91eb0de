package io.impetus.queue.internal.net;

import io.impetus.core.job.JobResult;
import io.impetus.core.net.PeerAuthenticated;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
import io.impetus.core.protocol.BundlePresence;
import io.impetus.core.protocol.ClientRequest;
import io.impetus.core.protocol.CloseStream;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.DeleteData;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.HasBundle;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PutBundle;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.QueryStream;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.StreamStatus;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.queue.internal.stream.ClientLink;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's connection: opens and closes its stream, takes its code bundle and its jobs, pushes
 * their results and takes their acknowledgements, serves the stream's data store and answers
 * questions about the client's own stream. When it closes, the streams it opened keep their
 * results for the client's return.
 */
final class ClientSession extends PeerSession<ClientRequest> implements ClientLink {

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  private final Set<Stream> touched = ConcurrentHashMap.newKeySet();

  ClientSession(QueueState state, PeerAuthenticated peer, Channel channel) {
    super(state, peer, ClientRequest.class, channel);
  }

  @Override
  void serve(ChannelHandlerContext ctx, ClientRequest request) {
    if (request instanceof SubmitJobs submit) {
      Stream stream = stream(submit.streamId());
      ackWhenDurable(ctx, submit.rid(), stream.submit(submit.jobs()));
      state.nodes().announce(stream.backlog());
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
      put(ctx, put);
    } else if (request instanceof GetData get) {
      get(ctx, get);
    } else if (request instanceof DeleteData delete) {
      Stream.Removed removed = stream(delete.streamId()).remove(delete.key());
      whenDurable(ctx, delete.rid(), removed.durable(),
          () -> new DataValue(delete.rid(), removed.value()));
    } else if (request instanceof HasBundle has) {
      ctx.writeAndFlush(new BundlePresence(has.rid(), state.bundles().contains(has.hash())));
    } else if (request instanceof PutBundle put) {
      state.bundles().put(put.hash(), put.bytes());
      ctx.writeAndFlush(new Ack(put.rid()));
    } else if (request instanceof QueryStream query) {
      if (!query.streamId().equals(name())) {
        throw new IllegalArgumentException("client " + name()
            + " may ask only about its own stream, not " + query.streamId());
      }
      ctx.writeAndFlush(new StreamStatus(query.rid(),
          state.find(query.streamId()).map(Stream::stats).orElse(null),
          state.nodeStatuses().size()));
    }
  }

  @Override
  void closed() {
    touched.forEach(stream -> stream.detach(this));
  }

  @Override
  public void sendResults(String streamId, List<JobResult> results) {
    write(new JobResults(streamId, results));
  }
}
