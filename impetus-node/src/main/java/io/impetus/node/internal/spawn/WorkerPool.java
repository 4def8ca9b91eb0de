package io.impetus.node.internal.spawn;

import io.impetus.core.job.StreamProperties;
import io.impetus.core.protocol.StreamBacklog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's workers, per stream. When a stream has waiting jobs, starts workers up to the least of
 * the waiting jobs, the node's {@code mpps}, the stream's own {@code mpps} and the node's free
 * capacity. When a worker ends, reports it, so that the queue takes back its leases at once and
 * work that arrived while the worker was leaving is not stranded.
 *
 * <p>Thread-safe.
 */
public final class WorkerPool {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final WorkerLauncher launcher;
  private final int mpps;
  private final int capacity;
  private final BiConsumer<String, Long> exits;
  private final Executor events;
  private final Map<String, Set<Process>> workers = new HashMap<>();
  private final Map<String, Integer> created = new HashMap<>();
  private boolean closed;

  /**
   * A pool.
   *
   * @param mpps the most workers per stream
   * @param capacity the most workers in all
   * @param exits told the stream and process id of each worker that ends, so that the queue
   *     can release its leases and the stream's backlog can be checked again
   * @param events runs exit handling off the process reaper's thread
   */
  public WorkerPool(WorkerLauncher launcher, int mpps, int capacity,
      BiConsumer<String, Long> exits, Executor events) {
    this.launcher = launcher;
    this.mpps = mpps;
    this.capacity = capacity;
    this.exits = exits;
    this.events = events;
  }

  /** Starts the workers that the stream's backlog calls for. */
  public synchronized void staff(StreamBacklog backlog) {
    if (closed || backlog.waiting() == 0) {
      return;
    }
    StreamProperties properties = StreamProperties.parse(backlog.properties());
    String stream = backlog.streamId();
    Set<Process> live = workers.computeIfAbsent(stream, s -> new HashSet<>());
    if (live.isEmpty()) {
      LOG.info("tracking stream {}", stream);
    }
    int limit = Math.min(mpps, properties.mpps().orElse(mpps));
    int wanted = Math.min(limit, backlog.waiting() + live.size()) - live.size();
    int free = capacity - total();
    int starting = Math.min(wanted, free);
    if (starting <= 0) {
      return;
    }
    LOG.info("creating {} workers for {}", starting, stream);
    for (int i = 0; i < starting; i++) {
      Process process = launcher.launch(stream, properties.timeout());
      int number = created.merge(stream, 1, Integer::sum);
      live.add(process);
      LOG.info("created worker {} {} {}", number, process.pid(), stream);
      process.onExit().thenAcceptAsync(p -> exited(stream, p), events);
    }
  }

  private void exited(String stream, Process process) {
    synchronized (this) {
      Set<Process> live = workers.get(stream);
      if (live == null || !live.remove(process)) {
        return;
      }
      if (process.exitValue() != 0 && !closed) {
        LOG.warn("worker {} of stream {} exited with status {}", process.pid(), stream,
            process.exitValue());
      }
      if (live.isEmpty()) {
        workers.remove(stream);
        LOG.info("stopped tracking stream {}", stream);
      }
      if (closed) {
        return;
      }
    }
    exits.accept(stream, process.pid());
  }

  /** How many workers are alive. */
  public synchronized int total() {
    return workers.values().stream().mapToInt(Set::size).sum();
  }

  /** How many workers a stream has. */
  public synchronized int workers(String stream) {
    return workers.getOrDefault(stream, Set.of()).size();
  }

  /** Stops every worker and starts no more. */
  public void close() {
    Set<Process> all = new HashSet<>();
    synchronized (this) {
      closed = true;
      workers.values().forEach(all::addAll);
    }
    all.forEach(Process::destroy);
    for (Process process : all) {
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
