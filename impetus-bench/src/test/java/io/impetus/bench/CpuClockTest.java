package io.impetus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link CpuClock} counts the processor time of the processes the JVM starts, not only its own. */
class CpuClockTest {

  private static final int CHILD_MILLIS = 1000;

  @Test
  void countsAChildProcessThatRanAndEnded() throws IOException, InterruptedException {
    long before = CpuClock.nanos();
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Burner.class.getName(),
        Integer.toString(CHILD_MILLIS))
        .inheritIO().start();
    assertThat(child.waitFor()).isZero();
    long after = CpuClock.nanos();

    assertThat(after - before).isGreaterThanOrEqualTo(CHILD_MILLIS * 1_000_000L);
  }

  /** A child process that burns {@code args[0]} ms of its thread's processor time. */
  static final class Burner {
    public static void main(String[] args) {
      long end = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
          + Long.parseLong(args[0]) * 1_000_000L;
      while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < end) {
        Thread.onSpinWait();
      }
    }
  }
}
