package io.impetus.worker.internal;

import io.impetus.client.Node;

/**
 * The job a warm worker runs on itself before it gets a stream (see {@link Warmup}): framework
 * code, shipped to itself as a code bundle so that it takes the path a client's job takes.
 */
public final class WarmupJob {

  private WarmupJob() {}

  /** Squares a number, as the benchmark's tiny jobs do. */
  @Node
  public static int square(int i) {
    return i * i;
  }
}
