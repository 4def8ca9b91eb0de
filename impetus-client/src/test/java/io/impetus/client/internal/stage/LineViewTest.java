package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LineViewTest {

  private static final String NL = System.lineSeparator();

  private final AtomicLong nanos = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final LineView view = new LineView(new PrintStream(bytes, true, StandardCharsets.UTF_8),
      Duration.ofSeconds(1), nanos::get);
  private final ProgressBoard board = new ProgressBoard(List.of("start", "stage1"));

  private String output() {
    String output = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return output;
  }

  @Test
  void printsTheOriginalLineAtMostOncePerInterval() {
    board.forked("start", 100);
    view.update(board.snapshot(), "start");
    assertThat(output()).isEqualTo("thread: start 100/0 -> stage1 0/0 via start" + NL);

    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    board.processed("stage1", 10);
    view.update(board.snapshot(), "stage1");
    assertThat(output()).isEmpty();

    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    view.update(board.snapshot(), "stage1");
    assertThat(output()).isEqualTo("thread: start 100/0 -> stage1 0/10 via stage1" + NL);
  }

  @Test
  void theFinalLineIsAlwaysPrinted() {
    view.update(board.snapshot(), "start");
    output();
    board.forked("start", 100);
    board.processed("stage1", 100);

    view.finish(board.snapshot(), "stage1");

    assertThat(output()).isEqualTo("thread: start 100/0 -> stage1 0/100 via stage1" + NL);
  }

  @Test
  void stageErrorsEndTheLineAsTheBarShowsThem() {
    board.forked("start", 100);
    board.processed("stage1", 10);
    board.stageError("stage1");

    view.finish(board.snapshot(), "stage1");
    board.stageError("stage1");
    view.finish(board.snapshot(), "stage1");

    assertThat(output()).isEqualTo("thread: start 100/0 -> stage1 0/10 via stage1, 1 stage error"
        + NL + "thread: start 100/0 -> stage1 0/10 via stage1, 2 stage errors" + NL);
  }
}
