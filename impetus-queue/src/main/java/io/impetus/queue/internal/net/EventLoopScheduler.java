package io.impetus.queue.internal.net;

import io.impetus.queue.internal.stream.Scheduler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs the queue's timers on Netty's event loops. */
public final class EventLoopScheduler implements Scheduler {

  private final EventExecutorGroup group;

  /** Timers on {@code group}. */
  public EventLoopScheduler(EventExecutorGroup group) {
    this.group = group;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMillis) {
    ScheduledFuture<?> future = group.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }
}
