package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BarViewTest {

  private static final String NL = System.lineSeparator();

  private final AtomicLong nanos = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final BarView view =
      new BarView(new PrintStream(bytes, true, StandardCharsets.UTF_8), 200, nanos::get);
  private final ProgressBoard board = new ProgressBoard(List.of("start", "stage1"));

  private String output() {
    String output = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return output;
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void eachRedrawReturnsToTheLineStartAndClearsItsRest() {
    board.forked("start", 10);
    view.update(board.snapshot(), "start");

    assertThat(output()).isEqualTo("\rstart [" + ".".repeat(ProgressBar.MAX_BAR)
        + "] 0/10   0% -- jobs/s ETA --:-- | start 10/0 stage1 0/0\u001b[K");
  }

  @Test
  void redrawsAtMostTenTimesASecond() {
    view.update(board.snapshot(), "start");
    output();

    advance(Duration.ofMillis(99));
    view.update(board.snapshot(), "stage1");
    assertThat(output()).isEmpty();

    advance(Duration.ofMillis(1));
    view.update(board.snapshot(), "stage1");
    assertThat(output()).startsWith("\rstage1 [");
  }

  @Test
  void rateAndEtaComeFromTheProcessedJobsOverTime() {
    board.forked("start", 300);
    view.update(board.snapshot(), "start");
    advance(Duration.ofSeconds(1));
    board.processed("stage1", 100);

    view.update(board.snapshot(), "stage1");

    assertThat(output()).endsWith(" 100/300  33% 100.0 jobs/s ETA 0:02 | start 300/0"
        + " stage1 0/100\u001b[K");
  }

  @Test
  void finishEndsTheBarLineThenPrintsTheOriginalLine() {
    board.forked("start", 100);
    view.update(board.snapshot(), "start");
    output();
    board.processed("stage1", 100);

    view.finish(board.snapshot(), "stage1");

    assertThat(output()).startsWith("\rstage1 [" + "#".repeat(ProgressBar.MAX_BAR) + "] 100/100")
        .endsWith("\u001b[K" + NL + "thread: start 100/0 -> stage1 0/100 via stage1" + NL);
  }

  @Test
  void updatesAfterTheFinishShowNothing() {
    view.finish(board.snapshot(), "stage1");
    output();
    advance(Duration.ofSeconds(1));

    view.update(board.snapshot(), "stage1");
    view.finish(board.snapshot(), "stage1");

    assertThat(output()).isEmpty();
  }
}
