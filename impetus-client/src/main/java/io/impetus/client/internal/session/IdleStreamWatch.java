package io.impetus.client.internal.session;

import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.QueryStream;
import io.impetus.core.protocol.StreamStats;
import io.impetus.core.protocol.StreamStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user when the jobs of the client's stream wait and no worker takes them: as
 * Powerhose's "no worker" error, but a warning, since a node may still come. It asks the queue
 * how the stream stands a few times per {@code patience}; when jobs have waited that long with
 * none running and none finishing, it warns once, with how many nodes the queue knows, and says
 * so again once workers take the jobs (a reading shows them running, or a result arrives). A
 * reading missed while the queue is away changes nothing.
 *
 * <p>Thread-safe; the readings are taken on a thread of its own.
 */
final class IdleStreamWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IdleStreamWatch.class);
  private static final Duration LONGEST_PERIOD = Duration.ofSeconds(5);

  private final ReconnectingConnection link;
  private final String streamId;
  private final Duration patience;
  private final LongSupplier nanoClock;
  private final ScheduledExecutorService timer;
  // guarded by this
  private long stalledSinceNanos = -1;
  private long lastFinished = -1;
  private boolean warned;

  /**
   * A watch of {@code streamId} over {@code link}, not started.
   *
   * @param patience how long jobs may wait with none running or finishing before the warning
   */
  IdleStreamWatch(ReconnectingConnection link, String streamId, Duration patience,
      LongSupplier nanoClock) {
    this.link = link;
    this.streamId = streamId;
    this.patience = patience;
    this.nanoClock = nanoClock;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "impetus-idle-watch-" + streamId);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Takes a reading every sixth of the patience, at least every 5 s. */
  void start() {
    long period = Math.max(100, Math.min(LONGEST_PERIOD.toMillis(), patience.toMillis() / 6));
    timer.scheduleWithFixedDelay(this::read, period, period, TimeUnit.MILLISECONDS);
  }

  private void read() {
    link.current().ifPresent(connection -> connection
        .call(rid -> new QueryStream(rid, streamId), StreamStatus.class)
        .thenAccept(this::observe));
  }

  /** Takes one reading into account; what {@link #start} does each period. */
  synchronized void observe(StreamStatus status) {
    StreamStats stats = status.stats();
    if (stats == null) {
      return;
    }
    boolean moving = stats.running() > 0 || stats.finished() != lastFinished;
    lastFinished = stats.finished();
    if (moving || stats.waiting() == 0) {
      stalledSinceNanos = -1;
      if (moving) {
        resumed();
      }
      return;
    }
    long now = nanoClock.getAsLong();
    if (stalledSinceNanos < 0) {
      stalledSinceNanos = now;
    } else if (!warned && now - stalledSinceNanos >= patience.toNanos()) {
      warned = true;
      LOG.warn("no worker has taken a job of stream {} for {} s: {} wait, and {}", streamId,
          patience.toSeconds(), plural(stats.waiting(), "job"), status.nodes() == 0
              ? "no node is connected to the queue" : "the queue knows "
              + plural(status.nodes(), "node"));
    }
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** A result of the stream arrived: its jobs are being taken. */
  synchronized void resultsArrived() {
    stalledSinceNanos = -1;
    resumed();
  }

  private void resumed() {
    if (warned) {
      warned = false;
      LOG.info("workers are taking the jobs of stream {} again", streamId);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
