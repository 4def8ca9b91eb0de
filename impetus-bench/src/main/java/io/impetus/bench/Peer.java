package io.impetus.bench;

import java.util.Map;

/**
 * A system that runs the benchmark's workloads: Impetus ({@link ImpetusPeer}), a Hazelcast
 * executor ({@link HazelcastPeer}) or a thread pool in this JVM ({@link PoolPeer}). Every peer
 * runs the same workload definitions ({@link Rounds}) through lanes of its own ({@link Lane}),
 * with as many workers as the others, so that their figures compare.
 *
 * <p>{@link #run} may be called by several threads at once, each getting a lane of its own (the
 * streams workload); {@link #settle} and {@link #close} are called by the benchmark's thread
 * between workloads and at the end. Close it to stop what it started.
 */
interface Peer extends AutoCloseable {

  /** Its name in the JSON lines: {@code impetus}, {@code hazelcast} or {@code pool}. */
  String name();

  /** Its settings that a measured line shows after the workers, e.g. Impetus's fsync. */
  default Map<String, Object> settings() {
    return Map.of();
  }

  /**
   * Returns once what earlier workloads left behind has gone, so that the next one starts from
   * the same state as the first (Impetus: the earlier streams' workers have left the node).
   *
   * @throws IllegalStateException when that takes longer than the patience
   */
  default void settle() throws InterruptedException {}

  /**
   * Runs {@code rounds} on a new lane and returns when they are done.
   *
   * @throws IllegalStateException, with a message saying why, when the measurement is not valid:
   *     a job failed, a result was wrong, or no result arrived for the patience
   */
  void run(Rounds rounds) throws InterruptedException;

  /** Stops what the peer started; idempotent. */
  @Override
  void close();
}
