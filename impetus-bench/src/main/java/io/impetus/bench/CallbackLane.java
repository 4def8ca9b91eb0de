package io.impetus.bench;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A lane on an executor, Hazelcast's or the thread pool: each submitted job goes out through a
 * {@link Dispatcher}, whose completion counts its result and checks it against the job's {@link
 * Work}. One thread submits and awaits; completions may come on any thread.
 */
final class CallbackLane implements Lane {

  /** Hands a job to an executor; calls {@code done} once with its result or its failure. */
  @FunctionalInterface
  interface Dispatcher {
    void dispatch(Work work, Object argument,
        BiConsumer<@Nullable Object, @Nullable Throwable> done);
  }

  private final Dispatcher dispatcher;
  private final Arrivals arrivals;
  private volatile @Nullable String failure;

  private CallbackLane(Dispatcher dispatcher, Duration patience, String stallHint) {
    this.dispatcher = dispatcher;
    this.arrivals = new Arrivals(stallHint);
    arrivals.patience(patience);
  }

  /**
   * Runs {@code rounds} on a new lane dispatching through {@code dispatcher}.
   *
   * @param stallHint follows the message when no result arrives for {@code patience}
   * @throws IllegalStateException when a job failed, a result was wrong or none arrived in time
   */
  static void run(Rounds rounds, Dispatcher dispatcher, Duration patience, String stallHint)
      throws InterruptedException {
    CallbackLane lane = new CallbackLane(dispatcher, patience, stallHint);
    try {
      rounds.run(lane);
    } catch (RuntimeException e) {
      if (lane.failure == null) {
        throw e;
      }
    }
    String failure = lane.failure;
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void submit(Work work, Object argument) {
    dispatcher.dispatch(work, argument, (result, error) -> {
      if (error != null) {
        fail("a " + work.method() + " job failed: " + error);
      } else if (!work.correct(argument, result)) {
        fail("a " + work.method() + " job returned a wrong result");
      }
      arrivals.arrived(1);
    });
  }

  @Override
  public long await(int count) throws InterruptedException {
    return arrivals.await(count);
  }

  private void fail(String reason) {
    if (failure == null) {
      failure = reason;
    }
  }
}
