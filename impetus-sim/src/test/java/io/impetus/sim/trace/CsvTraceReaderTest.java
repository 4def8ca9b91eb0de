package io.impetus.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvTraceReader}: the format, and one line naming the place of each error. */
class CsvTraceReaderTest {

  @TempDir Path dir;

  private Path csv(String... lines) throws IOException {
    return Files.write(dir.resolve("trace.csv"), List.of(lines));
  }

  @Test
  void readsJobsSkippingTheHeaderCommentsAndBlankLinesAndSortsThem() throws Exception {
    Path file = csv("arrival,duration", "# recorded on Monday", "10, 2.5", "", "0.25,1");

    Trace trace = CsvTraceReader.read(file);

    assertThat(trace.name()).isEqualTo("trace.csv");
    assertThat(trace.jobs()).containsExactly(new TraceJob(250, 1000),
        new TraceJob(10_000, 2500));
  }

  @Test
  void aMalformedLineIsNamedByFileAndLine() throws Exception {
    assertThatThrownBy(() -> CsvTraceReader.read(csv("0,1", "# c", "3;4")))
        .isInstanceOf(TraceFormatException.class)
        .hasMessage(dir.resolve("trace.csv") + ":3: expected 'arrival,duration' in seconds,"
            + " got '3;4'");
    assertThatThrownBy(() -> CsvTraceReader.read(csv("0,1", "2,x")))
        .hasMessage(dir.resolve("trace.csv") + ":2: duration 'x' is not a number of seconds");
    assertThatThrownBy(() -> CsvTraceReader.read(csv("-1,1")))
        .hasMessage(dir.resolve("trace.csv") + ":1: arrival -1 is negative");
    assertThatThrownBy(() -> CsvTraceReader.read(csv("1,0")))
        .hasMessage(dir.resolve("trace.csv") + ":1: duration 0 is not more than zero");
    assertThatThrownBy(() -> CsvTraceReader.read(csv("1,NaN")))
        .hasMessage(dir.resolve("trace.csv") + ":1: duration 'NaN' is out of range");
  }

  @Test
  void aMissingOrEmptyFileIsOneLine() throws Exception {
    Path missing = dir.resolve("missing.csv");
    assertThatThrownBy(() -> CsvTraceReader.read(missing))
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> CsvTraceReader.read(csv("arrival,duration")))
        .hasMessage(dir.resolve("trace.csv") + ": no jobs in it");
  }
}
