package io.impetus.queue.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompactorTest {

  @Test
  void aSnapshotIsWorthWritingWhenAtMostHalfOfWhatItReplacesIsLive() {
    assertThat(Compactor.worthWriting(1_000, 0)).isTrue();
    assertThat(Compactor.worthWriting(1_000, 500)).isTrue();
    assertThat(Compactor.worthWriting(1_000, 501)).isFalse();
    assertThat(Compactor.worthWriting(1_000, 5_000)).isFalse();
  }
}
