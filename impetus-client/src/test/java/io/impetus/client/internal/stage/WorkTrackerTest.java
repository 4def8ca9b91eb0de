package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.client.ImpetusException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkTrackerTest {

  private final WorkTracker tracker = new WorkTracker();

  @Test
  void waitEndsWhenTheLastUnitIsDone() throws Exception {
    tracker.add(1);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(tracker::awaitIdle);
    tracker.add(2);
    tracker.done(1);
    tracker.done(1);
    assertThat(waiting).isNotDone();

    tracker.done(1);

    waiting.get(10, TimeUnit.SECONDS);
    assertThat(tracker.pending()).isZero();
  }

  @Test
  void addingWorkAfterTheRunEndedIsAnError() {
    tracker.awaitIdle();

    assertThatThrownBy(() -> tracker.add(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run() has ended");
  }

  @Test
  void failureEndsTheWaitWithTheFailure() {
    tracker.add(1);
    tracker.fail(new ImpetusException("lost the connection"));

    assertThatThrownBy(tracker::awaitIdle).hasMessage("lost the connection");
  }

  @Test
  void progressLineHasTheOriginalForm() {
    ProgressBoard board = new ProgressBoard(java.util.List.of("start", "stage1"));
    board.forked("start", 100);
    board.processed("stage1", 100);

    assertThat(board.snapshot().line("stage1"))
        .isEqualTo("thread: start 100/0 -> stage1 0/100 via stage1");
  }
}
