package io.impetus.queue.internal.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and scheduler that only move when the test advances them. */
final class ManualTime extends Clock implements Scheduler {

  private long now = 1_000_000;
  private final List<Task> tasks = new ArrayList<>();

  private static final class Task {
    final long due;
    final Runnable action;
    boolean cancelled;

    Task(long due, Runnable action) {
      this.due = due;
      this.action = action;
    }
  }

  @Override
  public Cancellable schedule(Runnable action, long delayMillis) {
    Task task = new Task(now + delayMillis, action);
    tasks.add(task);
    return () -> task.cancelled = true;
  }

  /** Moves time forward, running every task that falls due, in order. */
  void advance(long millis) {
    long target = now + millis;
    while (true) {
      Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
          .min(Comparator.comparingLong(t -> t.due)).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next);
      now = Math.max(now, next.due);
      next.action.run();
    }
    now = target;
  }

  @Override
  public long millis() {
    return now;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now);
  }

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(java.time.ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
