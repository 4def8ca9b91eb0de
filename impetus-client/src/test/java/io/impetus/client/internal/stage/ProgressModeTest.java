package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressModeTest {

  @Test
  void aTerminalGetsTheBarOtherOutputTheLines() {
    assertThat(ProgressMode.choose(null, true)).isEqualTo(ProgressMode.BAR);
    assertThat(ProgressMode.choose(null, false)).isEqualTo(ProgressMode.LINES);
    assertThat(ProgressMode.choose(" ", false)).isEqualTo(ProgressMode.LINES);
  }

  @Test
  void thePropertyOverridesTheChoice() {
    assertThat(ProgressMode.choose("lines", true)).isEqualTo(ProgressMode.LINES);
    assertThat(ProgressMode.choose(" Bar ", false)).isEqualTo(ProgressMode.BAR);
    assertThat(ProgressMode.choose("off", true)).isEqualTo(ProgressMode.OFF);
  }

  @Test
  void anUnknownPropertyValueIsRefusedByName() {
    assertThatThrownBy(() -> ProgressMode.choose("fancy", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("system property impetus.progress must be bar, lines or off, not 'fancy'");
  }

  @Test
  void columnsComeFromTheVariableElseEighty() {
    assertThat(ProgressMode.columns("132")).isEqualTo(132);
    assertThat(ProgressMode.columns(" 60 ")).isEqualTo(60);
    assertThat(ProgressMode.columns(null)).isEqualTo(80);
    assertThat(ProgressMode.columns("wide")).isEqualTo(80);
    assertThat(ProgressMode.columns("0")).isEqualTo(80);
  }

  @Test
  void eachModeHasItsView() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(ProgressMode.BAR.view(out, 80, () -> 0)).isInstanceOf(BarView.class);
    assertThat(ProgressMode.LINES.view(out, 80, () -> 0)).isInstanceOf(LineView.class);
  }

  @Test
  void offShowsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressView view = ProgressMode.OFF.view(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, () -> 0);
    ProgressBoard board = new ProgressBoard(List.of("start"));
    board.forked("start", 1);

    view.update(board.snapshot(), "start");
    view.finish(board.snapshot(), "start");

    assertThat(bytes.size()).isZero();
  }
}
