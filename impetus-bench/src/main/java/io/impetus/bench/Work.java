package io.impetus.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The code of the workloads' jobs, the same on every peer: Impetus's workers run it through the
 * {@code @Node} methods of {@link WorkloadClient}, Hazelcast's members through {@link
 * HazelcastTask}, the thread pool directly. Each kind also says whether a result is the one its
 * argument calls for. Stateless and thread-safe.
 */
enum Work {

  /** {@code i * i} of an {@code Integer}, as a {@code Long}. */
  SQUARE("square") {
    @Override
    Object run(Object argument) {
      return square((Integer) argument);
    }

    @Override
    boolean correct(Object argument, @Nullable Object result) {
      int i = (Integer) argument;
      return result instanceof Long square && square == (long) i * i;
    }
  },

  /** Burns an {@code Integer} of microseconds of the thread's CPU time; its iterations. */
  BURN("burn") {
    @Override
    Object run(Object argument) {
      return burn((Integer) argument);
    }

    @Override
    boolean correct(Object argument, @Nullable Object result) {
      return result instanceof Long iterations && iterations > 0;
    }
  },

  /** A {@code byte[]} with every byte inverted. */
  INVERT("invert") {
    @Override
    Object run(Object argument) {
      return invert((byte[]) argument);
    }

    @Override
    boolean correct(Object argument, @Nullable Object result) {
      byte[] input = (byte[]) argument;
      return result instanceof byte[] output && output.length == input.length
          && (input.length == 0 || output[0] == (byte) ~input[0]);
    }
  };

  private final String method;

  Work(String method) {
    this.method = method;
  }

  /** The name of its {@code @Node} method in {@link WorkloadClient}. */
  String method() {
    return method;
  }

  /** Runs the job on {@code argument}. */
  abstract Object run(Object argument);

  /** Whether {@code result} is what the job computes from {@code argument}. */
  abstract boolean correct(Object argument, @Nullable Object result);

  /**
   * The kind whose {@code @Node} method is named {@code method}.
   *
   * @throws IllegalArgumentException when none is
   */
  static Work named(String method) {
    return Arrays.stream(values()).filter(work -> work.method.equals(method)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no job named " + method));
  }

  /** The square of {@code i}. */
  static long square(int i) {
    return (long) i * i;
  }

  /** Burns {@code micros} µs of this thread's CPU time; returns its iterations (at least 1). */
  static long burn(int micros) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long end = threads.getCurrentThreadCpuTime() + micros * 1_000L;
    long iterations = 0;
    do {
      iterations++;
    } while (threads.getCurrentThreadCpuTime() < end);
    return iterations;
  }

  /** {@code input} with every byte inverted. */
  static byte[] invert(byte[] input) {
    byte[] output = new byte[input.length];
    for (int i = 0; i < input.length; i++) {
      output[i] = (byte) ~input[i];
    }
    return output;
  }
}
