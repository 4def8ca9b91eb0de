package io.impetus.worker.internal;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A thread dump of this JVM in the familiar {@code jstack} form, every frame included, the job
 * thread first.
 */
final class ThreadDump {

  private ThreadDump() {}

  /** All live threads' stacks and locks, {@code first} at the top. */
  static String of(Thread first) {
    ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
    long firstId = first.getId();
    Arrays.sort(threads, Comparator.comparing((ThreadInfo info) -> info.getThreadId() != firstId)
        .thenComparing(ThreadInfo::getThreadName));
    StringBuilder dump = new StringBuilder();
    for (ThreadInfo thread : threads) {
      append(dump, thread);
    }
    return dump.toString();
  }

  private static void append(StringBuilder dump, ThreadInfo thread) {
    dump.append('"').append(thread.getThreadName()).append("\" #").append(thread.getThreadId())
        .append(thread.isDaemon() ? " daemon" : "").append(' ').append(thread.getThreadState());
    if (thread.getLockName() != null) {
      dump.append(" on ").append(thread.getLockName());
      if (thread.getLockOwnerName() != null) {
        dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
      }
    }
    dump.append('\n');
    StackTraceElement[] stack = thread.getStackTrace();
    for (int depth = 0; depth < stack.length; depth++) {
      dump.append("\tat ").append(stack[depth]).append('\n');
      for (MonitorInfo monitor : thread.getLockedMonitors()) {
        if (monitor.getLockedStackDepth() == depth) {
          dump.append("\t- locked ").append(monitor).append('\n');
        }
      }
    }
    LockInfo[] synchronizers = thread.getLockedSynchronizers();
    if (synchronizers.length > 0) {
      dump.append("\tLocked synchronizers:\n");
      for (LockInfo lock : synchronizers) {
        dump.append("\t- ").append(lock).append('\n');
      }
    }
    dump.append('\n');
  }
}
