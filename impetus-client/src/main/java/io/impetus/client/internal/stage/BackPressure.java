package io.impetus.client.internal.stage;

import io.impetus.client.ImpetusException;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The stream's {@code mss} as the client keeps it: counts the jobs out at the queue (forked, or
 * left by an earlier run, whose result has not arrived yet) and makes {@link #enter} wait while
 * there are {@code mss} of them. A job leaves when its result arrives, not when its stage has
 * processed it, so a stage that forks while handling results cannot wait on itself. Since the
 * queue counts a job as unfinished only between its submission and the push of its result, the
 * queue never holds more than {@code mss} unfinished jobs of the stream. Without a limit nothing
 * waits.
 *
 * <p>Thread-safe.
 */
final class BackPressure {

  private final int limit;
  private long out;
  private @Nullable RuntimeException stopped;

  /** A gate for the stream's {@code mss}, or none when empty. */
  BackPressure(OptionalInt mss) {
    this.limit = mss.orElse(Integer.MAX_VALUE);
  }

  /** Counts jobs that are out already, such as an earlier run's on re-attach. */
  synchronized void alreadyOut(long jobs) {
    out += jobs;
  }

  /**
   * Waits until one more job may go out, and counts it.
   *
   * @throws RuntimeException the reason the run stopped, when it stopped meanwhile
   * @throws ImpetusException when interrupted while waiting
   */
  synchronized void enter() {
    while (out >= limit && stopped == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImpetusException("interrupted while fork waited for the stream's mss", e);
      }
    }
    if (stopped != null) {
      throw stopped;
    }
    out++;
  }

  /** Gives back the slot of a job that will not go out after all. */
  synchronized void cancel() {
    left(1);
  }

  /** The results of {@code jobs} jobs arrived. */
  synchronized void left(long jobs) {
    out = Math.max(0, out - jobs);
    notifyAll();
  }

  /** Ends all waiting with {@code reason}: the run has stopped. The first reason wins. */
  synchronized void stop(RuntimeException reason) {
    if (stopped == null) {
      stopped = reason;
    }
    notifyAll();
  }

  /** Jobs counted as out. */
  synchronized long out() {
    return out;
  }
}
