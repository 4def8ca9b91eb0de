package io.impetus.queue.internal.stream;

import io.impetus.testing.ManualClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link ManualClock} that is also the streams' {@link Scheduler}: timers fire, in order, as
 * the test advances the clock past them. Not thread-safe: one test thread drives it.
 */
final class ManualTime extends ManualClock implements Scheduler {

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
    Task task = new Task(millis() + delayMillis, action);
    tasks.add(task);
    return () -> task.cancelled = true;
  }

  /** Moves time forward, running every task that falls due, in order, at its time. */
  @Override
  protected void advanceTo(long target) {
    while (true) {
      Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
          .min(Comparator.comparingLong(t -> t.due)).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next);
      super.advanceTo(next.due);
      next.action.run();
    }
    super.advanceTo(target);
  }
}
