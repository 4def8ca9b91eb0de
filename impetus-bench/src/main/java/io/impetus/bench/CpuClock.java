package io.impetus.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The processor time (user and system) used so far by this JVM and by the processes it started:
 * with the embedded queue and node, that is the whole benchmark, workers included. On a machine
 * whose speed varies, processor time per run is a steadier yardstick for the job path than the
 * rates are. On Linux it counts this process, its ended children (as the kernel keeps them) and
 * its running descendants; elsewhere this JVM and its running descendants.
 *
 * <p>Stateless and thread-safe.
 */
final class CpuClock {

  private static final Path OWN_STAT = Path.of("/proc/self/stat");
  /** Linux's clock ticks per second for {@code /proc} times (USER_HZ). */
  private static final long TICKS_PER_SECOND = 100;

  private CpuClock() {}

  /** Processor time used so far, in nanoseconds. */
  static long nanos() {
    long running = ProcessHandle.current().descendants()
        .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
    return ownAndEndedChildren() + running;
  }

  private static long ownAndEndedChildren() {
    try {
      String stat = Files.readString(OWN_STAT);
      // after "pid (comm) ": state is field 3; utime, stime, cutime and cstime are fields 14-17
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = 0;
      for (int field = 14; field <= 17; field++) {
        ticks += Long.parseLong(fields[field - 3]);
      }
      return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return jvmOnly();
    }
  }

  private static long jvmOnly() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
