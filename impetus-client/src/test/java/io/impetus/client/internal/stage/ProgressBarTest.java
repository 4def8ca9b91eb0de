package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.client.internal.stage.ProgressBoard.Snapshot;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final ProgressBoard board = new ProgressBoard(List.of("start", "stage1", "stage2"));

  private Snapshot halfway() {
    board.forked("start", 1000);
    board.processed("stage1", 450);
    board.forked("stage1", 450);
    board.processed("stage2", 12);
    return board.snapshot();
  }

  @Test
  void wideTerminalShowsTheWidestBarAndEveryStage() {
    assertThat(ProgressBar.line(halfway(), "stage1", OptionalDouble.of(123.4), 200))
        .isEqualTo("stage1 [############............................] 462/1450  31% 123.4 jobs/s"
            + " ETA 0:09 | start 1000/0 stage1 450/450 stage2 0/12");
  }

  @Test
  void barNarrowsToFitTheTerminal() {
    String line = ProgressBar.line(halfway(), "stage1", OptionalDouble.of(123.4), 100);

    assertThat(line).isEqualTo("stage1 [###.........] 462/1450  31% 123.4 jobs/s"
        + " ETA 0:09 | start 1000/0 stage1 450/450 stage2 0/12");
    assertThat(line).hasSize(99);
  }

  @Test
  void stageCountsAreCutFirstOnANarrowTerminal() {
    String line = ProgressBar.line(halfway(), "stage1", OptionalDouble.of(123.4), 80);

    assertThat(line).isEqualTo("stage1 [###.......] 462/1450  31% 123.4 jobs/s ETA 0:09 | start"
        + " 1000/0 stage1 4");
    assertThat(line).hasSize(79);
  }

  @Test
  void aTinyTerminalGetsTheStartOfTheLine() {
    assertThat(ProgressBar.line(halfway(), "stage1", OptionalDouble.empty(), 12))
        .isEqualTo("stage1 [###");
  }

  @Test
  void stageErrorsFollowTheEta() {
    board.forked("start", 10);
    board.processed("stage1", 10);
    board.stageError("stage1");
    board.stageError("stage1");

    assertThat(ProgressBar.line(board.snapshot(), "stage1", OptionalDouble.of(5), 200))
        .contains("ETA 0:00, 2 stage errors | start");
  }

  @Test
  void oneStageErrorIsSingular() {
    board.stageError("start");

    assertThat(ProgressBar.line(board.snapshot(), "start", OptionalDouble.empty(), 200))
        .contains("ETA 0:00, 1 stage error |");
  }

  @Test
  void nothingForkedYetIsAnEmptyBar() {
    assertThat(ProgressBar.line(board.snapshot(), "start", OptionalDouble.empty(), 200))
        .isEqualTo("start [" + ".".repeat(ProgressBar.MAX_BAR) + "] 0/0   0% -- jobs/s ETA 0:00"
            + " | start 0/0 stage1 0/0 stage2 0/0");
  }

  @Test
  void moreProcessedThanForkedAfterReattachingIsFull() {
    board.forked("start", 5);
    board.processed("stage1", 8);

    assertThat(ProgressBar.line(board.snapshot(), "stage1", OptionalDouble.empty(), 200))
        .startsWith("stage1 [" + "#".repeat(ProgressBar.MAX_BAR) + "] 8/8 100% -- jobs/s ETA 0:00");
  }

  @Test
  void barFillsInProportionRoundingDown() {
    assertThat(ProgressBar.bar(0, 10, 10)).isEqualTo("..........");
    assertThat(ProgressBar.bar(9, 10, 10)).isEqualTo("#########.");
    assertThat(ProgressBar.bar(999, 1000, 10)).isEqualTo("#########.");
    assertThat(ProgressBar.bar(10, 10, 10)).isEqualTo("##########");
    assertThat(ProgressBar.percent(999, 1000)).isEqualTo(99);
  }

  @Test
  void rateHasOneDecimalOrIsUnknown() {
    assertThat(ProgressBar.rate(OptionalDouble.of(123.44))).isEqualTo("123.4 jobs/s");
    assertThat(ProgressBar.rate(OptionalDouble.of(0))).isEqualTo("0.0 jobs/s");
    assertThat(ProgressBar.rate(OptionalDouble.empty())).isEqualTo("-- jobs/s");
  }

  @Test
  void etaIsRemainingOverRateRoundedUp() {
    assertThat(ProgressBar.eta(550, OptionalDouble.of(123.4))).isEqualTo("0:05");
    assertThat(ProgressBar.eta(100, OptionalDouble.of(100))).isEqualTo("0:01");
    assertThat(ProgressBar.eta(3723, OptionalDouble.of(1))).isEqualTo("1:02:03");
    assertThat(ProgressBar.eta(0, OptionalDouble.empty())).isEqualTo("0:00");
  }

  @Test
  void etaIsUnknownWithoutARateOrBeyondAHundredHours() {
    assertThat(ProgressBar.eta(10, OptionalDouble.empty())).isEqualTo(ProgressBar.UNKNOWN_ETA);
    assertThat(ProgressBar.eta(10, OptionalDouble.of(0))).isEqualTo("--:--");
    assertThat(ProgressBar.eta(360_000, OptionalDouble.of(1))).isEqualTo("--:--");
    assertThat(ProgressBar.eta(359_999, OptionalDouble.of(1))).isEqualTo("99:59:59");
  }
}
