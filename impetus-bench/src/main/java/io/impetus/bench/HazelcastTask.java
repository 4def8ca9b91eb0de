package io.impetus.bench;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A job as the Hazelcast peer sends it: a {@link Callable} that Java serialization carries to a
 * member, as a user's task would be; members find the class on their classpath (the benchmark's
 * own). Immutable.
 *
 * @param work what the job runs
 * @param argument its argument: an {@code Integer} or a {@code byte[]}
 */
record HazelcastTask(Work work, Object argument) implements Callable<Object>, Serializable {

  @Override
  public Object call() {
    return work.run(argument);
  }
}
