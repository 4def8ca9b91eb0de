package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.WorkerExited;
import io.impetus.queue.internal.journal.JournalRecord;
import io.impetus.queue.internal.journal.SnapshotSource;
import io.impetus.queue.internal.journal.StateImage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the queue holds: streams by id, code bundles, the node registry and the workers'
 * lease deadlines. It is also the journal's snapshot source.
 *
 * <p>It decides how a worker's leases end. A worker's connection and its node's report of its end
 * ({@code WorkerExited}) arrive in either order. The report releases the worker's leases with
 * its blame ({@link Stream#release(WorkerLink, WorkerExited)}), at once if the worker is still
 * connected. A worker whose connection closes first while its node is registered waits, its
 * leases no longer renewed, for that report; it is released without one (every attempt counted,
 * "worker lost") when its node's connection closes, when the node is dropped as silent, or after
 * a lease timeout. A worker whose node is not registered is released that way at once. Parked
 * lease requests of a closed worker are dropped at once in every case. While the queue shuts
 * down nothing is released.
 *
 * <p>Thread-safe. Workers' ends are decided under one lock, so that a close, a report and a
 * node's departure cannot interleave; streams are locked after it, never before.
 */
public final class QueueState implements SnapshotSource {

  private static final Logger LOG = LoggerFactory.getLogger(QueueState.class);

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();
  private final StreamContext context;
  private final BundleStore bundles;
  private final NodeRegistry nodes;
  private final LeaseKeeper leases;
  private final Duration retention;
  private final Object workerLock = new Object();
  private volatile boolean shuttingDown;

  /**
   * State rebuilt from {@code image} (empty for a new queue).
   *
   * @param leaseTimeout how long a worker keeps its leases without a sign of life from it or its
   *     node, and a node its registration without a heartbeat
   * @param retention how long a stream whose client has gone is kept
   */
  public QueueState(StateImage image, StreamContext context, BundleStore bundles,
      Duration leaseTimeout, Duration retention) {
    this.context = context;
    this.bundles = bundles;
    this.nodes = new NodeRegistry(context.clock(), leaseTimeout);
    this.leases = new LeaseKeeper(context.clock(), leaseTimeout);
    this.retention = retention;
    for (StateImage.StreamImage stream : image.streams()) {
      streams.put(stream.id(), Stream.restore(stream, context));
    }
  }

  /**
   * Returns the stream with this id, creating it with these properties when it does not exist.
   *
   * @throws IllegalArgumentException when a known property is invalid
   */
  public synchronized Opened open(String streamId, Map<String, String> properties) {
    Stream existing = streams.get(streamId);
    if (existing != null) {
      return new Opened(existing, true);
    }
    Stream created = Stream.create(streamId, properties, context);
    streams.put(streamId, created);
    return new Opened(created, false);
  }

  /** The stream with this id, if it exists. */
  public Optional<Stream> find(String streamId) {
    return Optional.ofNullable(streams.get(streamId));
  }

  /**
   * Deletes a stream.
   *
   * @return whether it existed, and when the deletion is durable
   */
  public synchronized Closed close(String streamId) {
    Stream stream = streams.remove(streamId);
    return stream == null ? new Closed(false, CompletableFuture.completedFuture(null))
        : new Closed(true, stream.close());
  }

  /** All streams, in no particular order. */
  public List<Stream> streams() {
    return List.copyOf(streams.values());
  }

  /** The queue's clock, in epoch milliseconds. */
  public long nowMillis() {
    return context.clock().millis();
  }

  /** The code bundle store. */
  public BundleStore bundles() {
    return bundles;
  }

  /** The node registry. */
  public NodeRegistry nodes() {
    return nodes;
  }

  /**
   * Every registered node's status, with the jobs its workers hold leased now across all
   * streams: the live view a scaler needs to tell an idle node from a busy one.
   */
  public List<NodeStatus> nodeStatuses() {
    Map<String, Integer> leased = new HashMap<>();
    streams.values().forEach(stream -> stream.countLeasesByNode(leased));
    return nodes.statuses(leased);
  }

  /** The workers' lease deadlines. */
  public LeaseKeeper leases() {
    return leases;
  }

  /**
   * Forgets a worker and takes back its leases in every stream, every attempt counted (see
   * {@link Stream#release(WorkerLink)}). While the queue shuts down nothing is taken back: the
   * jobs were not lost by their workers, and the journal brings them back as waiting, their
   * attempts uncounted, when the queue starts again.
   */
  public void release(WorkerLink worker) {
    synchronized (workerLock) {
      leases.forget(worker);
      if (!shuttingDown) {
        streams.values().forEach(stream -> stream.release(worker));
      }
    }
  }

  /**
   * A worker's connection closed. Its parked lease requests are dropped. If its node already
   * reported its end, nothing more happens; if its node is registered, its leases wait for the
   * node's report; otherwise they are released at once (see {@link #release}).
   */
  public void workerClosed(WorkerLink worker) {
    streams.values().forEach(stream -> stream.dropWaiters(worker));
    synchronized (workerLock) {
      if (leases.hasExited(worker)) {
        leases.forget(worker);
        return;
      }
      if (!shuttingDown && nodes.isRegistered(worker.nodeId()) && leases.awaitReport(worker)) {
        LOG.debug("worker {} closed its connection; waiting for its node's report",
            worker.name());
        return;
      }
      release(worker);
    }
  }

  /**
   * A node reported that one of its workers ended: the worker's leases are released with the
   * report's blame, whether its connection is still open (it may then lease and complete nothing
   * more) or closed and waiting for the report. A worker released already is not touched.
   */
  public void workerExited(WorkerExited report) {
    synchronized (workerLock) {
      for (WorkerLink worker : leases.reportExit(report.workerId())) {
        if (!shuttingDown) {
          streams.values().forEach(stream -> stream.release(worker, report));
        }
      }
    }
  }

  /**
   * A node's connection closed: it leaves the registry and, unless it is still registered through
   * another connection, its closed workers stop waiting for its report and are released.
   */
  public void nodeClosed(NodeLink node, String nodeId) {
    synchronized (workerLock) {
      nodes.remove(node);
      releaseUnreported(nodeId);
    }
  }

  /** Releases the node's closed workers if the node is no longer registered. */
  private void releaseUnreported(String nodeId) {
    synchronized (workerLock) {
      if (nodes.isRegistered(nodeId)) {
        return;
      }
      for (WorkerLink worker : leases.closedOf(nodeId)) {
        LOG.info("worker {} closed its connection and its node {} has gone", worker.name(),
            nodeId);
        release(worker);
      }
    }
  }

  /** The queue is shutting down: connections closing from now on lose nothing. */
  public void shutDown() {
    shuttingDown = true;
  }

  /**
   * The periodic housekeeping: takes back the leases of workers that showed no sign of life for
   * the lease timeout, releases closed workers whose node did not report on them within the lease
   * timeout, drops nodes that stopped sending heartbeats (releasing their closed workers), and
   * deletes streams whose client has been gone for longer than the retention.
   */
  public void sweep() {
    if (shuttingDown) {
      return;
    }
    for (WorkerLink worker : leases.expire()) {
      streams.values().forEach(stream -> stream.revoke(worker, "the lease of worker "
          + worker.name() + " expired"));
    }
    for (WorkerLink worker : leases.expireClosed()) {
      LOG.warn("worker {} closed its connection and its node did not report on it within {} s",
          worker.name(), leases.timeout().toSeconds());
      release(worker);
    }
    for (NodeRegistry.Silent node : nodes.expire()) {
      LOG.warn("node {} sent no heartbeat for {} s; dropping it", node.info().nodeId(),
          leases.timeout().toSeconds());
      node.link().disconnect();
      releaseUnreported(node.info().nodeId());
    }
    long oldest = context.clock().millis() - retention.toMillis();
    for (Stream stream : streams.values()) {
      OptionalLong orphaned = stream.orphanedSince();
      if (orphaned.isPresent() && orphaned.getAsLong() < oldest) {
        LOG.info("deleting stream {}: its client has been gone for more than {}", stream.id(),
            retention);
        close(stream.id());
      }
    }
  }

  @Override
  public void writeTo(Consumer<JournalRecord> sink) {
    for (Stream stream : streams()) {
      stream.image().forEach(sink);
    }
  }

  /**
   * The result of {@link #open}.
   *
   * @param stream the stream
   * @param existed whether it was there before
   */
  public record Opened(Stream stream, boolean existed) {}

  /**
   * The result of {@link #close}.
   *
   * @param existed whether the stream was there
   * @param durable completes when the deletion is durable
   */
  public record Closed(boolean existed, CompletableFuture<Void> durable) {}
}
