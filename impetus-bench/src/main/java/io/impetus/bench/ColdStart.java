package io.impetus.bench;

import io.impetus.client.Job;
import io.impetus.client.Node;
import java.nio.file.Path;
import java.util.Map;

/**
 * Cold start: one job forked on a new stream, which no worker serves yet, until its result
 * reaches the client's stage: a worker JVM started, connected, the code bundle fetched (or
 * found in the node's cache) and loaded, the job leased, run, completed and delivered.
 */
final class ColdStart extends RoundClient {

  private double millis;

  ColdStart(BenchTarget target, Path taskdir, Map<String, String> properties) {
    super(target, taskdir, "bench-cold", properties);
  }

  /** The job: returns its argument. */
  @Node
  static int identity(int i) {
    return i;
  }

  @Override
  protected void rounds() throws InterruptedException {
    long start = System.nanoTime();
    fork("identity", 1);
    millis = (await(1) - start) / 1e6;
  }

  @Override
  protected boolean correct(Job job) {
    return job.result(Integer.class) == 1;
  }

  /** From the fork to the result, in milliseconds. */
  double millis() {
    return millis;
  }
}
