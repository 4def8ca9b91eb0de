package io.impetus.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed thread pool in this JVM as a peer, as many threads as the others have workers: the same
 * jobs with no network, no serialization and no other process, the floor the others are measured
 * against. Each lane's jobs go to the shared pool, their results counted on the pool's threads.
 * Thread-safe; closing it stops the pool.
 */
final class PoolPeer implements Peer {

  private final ExecutorService pool;
  private final Duration patience;

  /** A pool of {@code workers} daemon threads. */
  PoolPeer(int workers, Duration patience) {
    AtomicInteger number = new AtomicInteger();
    ThreadFactory threads = task -> {
      Thread thread = new Thread(task, "bench-pool-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.pool = Executors.newFixedThreadPool(workers, threads);
    this.patience = patience;
  }

  @Override
  public String name() {
    return "pool";
  }

  @Override
  public void run(Rounds rounds) throws InterruptedException {
    CallbackLane.run(rounds, (work, argument, done) -> pool.execute(() -> {
      Object result;
      try {
        result = work.run(argument);
      } catch (RuntimeException | Error e) {
        done.accept(null, e);
        return;
      }
      done.accept(result, null);
    }), patience, "; the pool's threads are busy with something else");
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
