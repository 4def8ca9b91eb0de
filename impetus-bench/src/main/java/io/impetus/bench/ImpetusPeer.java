package io.impetus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Impetus as a peer: each lane is a client of its own ({@link WorkloadClient}) with its own
 * stream on the {@link BenchTarget}, its jobs run by the node's worker JVMs. Thread-safe; closing
 * it stops the queue and node the target started.
 */
final class ImpetusPeer implements Peer {

  private final BenchTarget target;
  private final Path taskdir;
  private final Map<String, String> properties;
  private final Duration patience;
  private final String fsync;

  /**
   * A peer sending jobs to {@code target}, its clients writing their task logs under
   * {@code taskdir} and opening their streams with {@code properties}.
   *
   * @param fsync how the queue's journal syncs, as the lines say it
   */
  ImpetusPeer(BenchTarget target, Path taskdir, Map<String, String> properties,
      Duration patience, String fsync) {
    this.target = target;
    this.taskdir = taskdir;
    this.properties = Map.copyOf(properties);
    this.patience = patience;
    this.fsync = fsync;
  }

  @Override
  public String name() {
    return "impetus";
  }

  /** How the queue's journal syncs. */
  @Override
  public Map<String, Object> settings() {
    return Map.of("fsync", fsync);
  }

  /** Where the jobs go. */
  BenchTarget target() {
    return target;
  }

  /** The streams' properties. */
  Map<String, String> properties() {
    return properties;
  }

  /** Where the clients' task logs go. */
  Path taskdir() {
    return taskdir;
  }

  @Override
  public void settle() throws InterruptedException {
    target.awaitNoWorkers(patience);
  }

  /** Waits until the node has a warm worker ready for a new stream (see {@link #settle}). */
  void awaitWarmWorker() throws InterruptedException {
    target.awaitWarmWorker(patience);
  }

  @Override
  public void run(Rounds rounds) {
    run(new WorkloadClient(target, taskdir, properties, rounds));
  }

  /**
   * Runs {@code client} with the peer's patience.
   *
   * @throws IllegalStateException when its measurement is not valid
   */
  void run(RoundClient client) {
    client.patience(patience);
    try {
      client.run();
    } catch (RuntimeException e) {
      if (client.failure() == null) {
        throw e;
      }
    }
    String failure = client.failure();
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    target.close();
  }
}
