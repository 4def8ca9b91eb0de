package io.impetus.queue.internal.stream;

import io.impetus.core.job.StreamProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the queue holds: streams by id, code bundles and the node registry. Thread-safe.
 */
public final class QueueState {

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();
  private final BundleStore bundles = new BundleStore();
  private final NodeRegistry nodes = new NodeRegistry();
  private final Clock clock;
  private final Scheduler scheduler;

  /** Empty state using this clock and scheduler. */
  public QueueState(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * Returns the stream with this id, creating it with these properties when it does not exist.
   *
   * @throws IllegalArgumentException when a known property is invalid
   */
  public Opened open(String streamId, Map<String, String> properties) {
    Stream existing = streams.get(streamId);
    if (existing != null) {
      return new Opened(existing, true);
    }
    StreamProperties parsed = StreamProperties.parse(properties);
    Stream created = new Stream(streamId, parsed, clock, scheduler);
    Stream raced = streams.putIfAbsent(streamId, created);
    return raced == null ? new Opened(created, false) : new Opened(raced, true);
  }

  /** The stream with this id, if it exists. */
  public Optional<Stream> find(String streamId) {
    return Optional.ofNullable(streams.get(streamId));
  }

  /** Deletes a stream; returns whether it existed. */
  public boolean close(String streamId) {
    Stream stream = streams.remove(streamId);
    if (stream != null) {
      stream.close();
    }
    return stream != null;
  }

  /** All streams, in no particular order. */
  public List<Stream> streams() {
    return List.copyOf(streams.values());
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
   * The result of {@link #open}.
   *
   * @param stream the stream
   * @param existed whether it was there before
   */
  public record Opened(Stream stream, boolean existed) {}
}
