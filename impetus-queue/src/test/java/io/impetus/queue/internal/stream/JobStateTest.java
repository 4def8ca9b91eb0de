package io.impetus.queue.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobStateTest {

  @Test
  void finishedJobCannotBeLeasedAgain() {
    assertThatThrownBy(() -> JobState.FINISHED.moveTo(JobState.PROCESSING, "j1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job j1 cannot go from FINISHED to PROCESSING");
  }

  @Test
  void waitingJobMayBeLeasedOrFinishLate() {
    assertThat(JobState.WAITING.moveTo(JobState.PROCESSING, "j")).isEqualTo(JobState.PROCESSING);
    assertThat(JobState.WAITING.moveTo(JobState.FINISHED, "j")).isEqualTo(JobState.FINISHED);
  }

  @Test
  void waitingJobCannotWaitAgain() {
    assertThatThrownBy(() -> JobState.WAITING.moveTo(JobState.WAITING, "j1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job j1 cannot go from WAITING to WAITING");
  }

  @Test
  void leasedJobMayFinishOrWaitAgain() {
    assertThat(JobState.PROCESSING.moveTo(JobState.FINISHED, "j")).isEqualTo(JobState.FINISHED);
    assertThat(JobState.PROCESSING.moveTo(JobState.WAITING, "j")).isEqualTo(JobState.WAITING);
  }
}
