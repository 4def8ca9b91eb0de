package io.impetus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.sim.trace.Trace;
import io.impetus.sim.trace.TraceJob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Bounds} and {@link WaitStats}, by hand. */
class BoundsTest {

  private static final Trace TINY = new Trace("tiny", List.of(new TraceJob(0, 20_000),
      new TraceJob(0, 20_000), new TraceJob(5_000, 10_000)));

  @Test
  void fluidBoundIsTheWorkOverTheSlots() {
    assertThat(Bounds.fluid(TINY, 2)).isEqualTo(25);
    assertThat(Bounds.fluid(TINY, 1)).isEqualTo(50);
  }

  @Test
  void zeroWaitReferenceCountsWholeNodes() {
    // 0-5 s: 2 jobs, 1 node; 5-15 s: 3 jobs, 2 nodes; 15-20 s: 2 jobs, 1 node.
    assertThat(Bounds.zeroWait(TINY, 2)).isEqualTo(5 + 20 + 5);
    // A job that ends when another starts does not overlap it.
    assertThat(Bounds.zeroWait(new Trace("t", List.of(new TraceJob(0, 1000),
        new TraceJob(1000, 1000))), 1)).isEqualTo(2);
  }

  @Test
  void waitPercentilesAreNearestRank() {
    long[] waits = new long[100];
    for (int i = 0; i < 100; i++) {
      waits[i] = (100 - i) * 1000L;
    }

    assertThat(WaitStats.of(waits)).isEqualTo(new WaitStats(50, 95, 100));
    assertThat(WaitStats.of(new long[] {1500})).isEqualTo(new WaitStats(1.5, 1.5, 1.5));
    assertThat(WaitStats.of(new long[0])).isEqualTo(new WaitStats(0, 0, 0));
  }
}
