package io.impetus.client.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AckGatheringTest {

  private final List<Runnable> scheduled = new ArrayList<>();
  private final List<List<String>> sent = new ArrayList<>();
  private final AckGathering acks = new AckGathering(scheduled::add, sent::add);

  @Test
  void idsAcknowledgedWithinOnePeriodGoOutTogether() {
    acks.add(List.of("a"));
    acks.add(List.of("b", "c"));
    acks.add(List.of("d"));

    assertThat(scheduled).hasSize(1);
    assertThat(sent).isEmpty();
    scheduled.get(0).run();
    assertThat(sent).containsExactly(List.of("a", "b", "c", "d"));
  }

  @Test
  void theFirstIdAfterAHandOnStartsTheNextPeriod() {
    acks.add(List.of("a"));
    scheduled.get(0).run();
    acks.add(List.of("b"));

    assertThat(scheduled).hasSize(2);
    scheduled.get(1).run();
    assertThat(sent).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void manyIdsAreSplitIntoListsOfAtMostTheLimit() {
    List<String> ids = IntStream.range(0, 2 * AckGathering.MAX_IDS + 1)
        .mapToObj(Integer::toString).toList();
    acks.add(ids);
    scheduled.get(0).run();

    assertThat(sent).extracting(List::size)
        .containsExactly(AckGathering.MAX_IDS, AckGathering.MAX_IDS, 1);
    assertThat(sent.stream().flatMap(List::stream)).containsExactlyElementsOf(ids);
  }

  @Test
  void flushHandsOnAtOnceAndLeavesNothingForTheScheduledHandOn() {
    acks.add(List.of("a"));
    acks.flush();
    scheduled.get(0).run();

    assertThat(sent).containsExactly(List.of("a"));
  }

  @Test
  void nothingIsScheduledForNoIds() {
    acks.add(List.of());

    assertThat(scheduled).isEmpty();
  }
}
