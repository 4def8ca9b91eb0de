package io.impetus.queue.internal.net;

import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.PeerAuthenticated;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.Failure;
import io.impetus.core.protocol.GetBundle;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.WorkerRequest;
import io.impetus.queue.internal.stream.QueueState;
import io.impetus.queue.internal.stream.Stream;
import io.impetus.queue.internal.stream.WorkerLink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Optional;

/**
 * A worker's connection: leases jobs, takes their outcomes, serves its stream's code bundle and
 * data store. Each request renews the worker's leases; a worker that its node reported ended gets
 * a failure for every further request. When it closes, its leases return to their streams as
 * {@link QueueState#workerClosed} decides (at once, or when its node reports its end).
 */
final class WorkerSession extends PeerSession<WorkerRequest> implements WorkerLink {

  WorkerSession(QueueState state, PeerAuthenticated peer, Channel channel) {
    super(state, peer, WorkerRequest.class, channel);
  }

  @Override
  void serve(ChannelHandlerContext ctx, WorkerRequest request) {
    if (state.leases().hasExited(this)) {
      sendFailure(request.rid(), "worker " + name() + " was reported ended by its node");
      return;
    }
    state.leases().renew(this);
    if (request instanceof LeaseJobs lease) {
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
    } else if (request instanceof GetBundle get) {
      bundle(ctx, get);
    } else if (request instanceof PutData put) {
      put(ctx, put);
    } else if (request instanceof GetData get) {
      get(ctx, get);
    }
  }

  @Override
  void closed() {
    state.workerClosed(this);
  }

  @Override
  public void sendLeased(long rid, List<LeasedJob> jobs) {
    write(new LeasedJobs(rid, jobs));
  }

  @Override
  public void sendFailure(long rid, String message) {
    write(new Failure(rid, message));
  }
}
