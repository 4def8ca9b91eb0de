package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.client.ImpetusException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackPressureTest {

  private final BackPressure gate = new BackPressure(OptionalInt.of(2));

  /** Starts {@code enter()} on its own thread and waits until it blocks. */
  private CompletableFuture<Void> blockedEnter() {
    AtomicReference<Thread> thread = new AtomicReference<>();
    CompletableFuture<Void> entered = CompletableFuture.runAsync(() -> {
      thread.set(Thread.currentThread());
      gate.enter();
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> thread.get() != null
        && thread.get().getState() == Thread.State.WAITING);
    assertThat(entered).isNotDone();
    return entered;
  }

  @Test
  void forkWaitsAtTheLimitUntilAResultArrives() throws Exception {
    gate.enter();
    gate.enter();
    CompletableFuture<Void> third = blockedEnter();

    gate.left(1);

    third.get(10, TimeUnit.SECONDS);
    assertThat(gate.out()).isEqualTo(2);
  }

  @Test
  void jobsAlreadyOutOnReattachCount() throws Exception {
    gate.alreadyOut(2);
    CompletableFuture<Void> first = blockedEnter();

    gate.left(1);

    first.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aStoppedRunWakesTheWaitingForkWithTheReason() {
    gate.alreadyOut(5);
    CompletableFuture<Void> waiting = blockedEnter();

    gate.stop(new ImpetusException("lost the queue"));

    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasRootCauseMessage("lost the queue");
    assertThatThrownBy(gate::enter).hasMessage("lost the queue");
  }

  @Test
  void withoutMssNothingWaits() {
    BackPressure unlimited = new BackPressure(OptionalInt.empty());
    for (int i = 0; i < 10_000; i++) {
      unlimited.enter();
    }

    assertThat(unlimited.out()).isEqualTo(10_000);
  }

  @Test
  void moreResultsThanJobsOutNeverGoBelowZero() {
    gate.left(3);

    assertThat(gate.out()).isZero();
  }
}
