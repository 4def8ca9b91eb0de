package io.impetus.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerMainTest {

  @Test
  void aWorkerStartedWithAWrongCommandLineSaysWhyAndExitsWith2() throws Exception {
    Process worker = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
        "--queue", "127.0.0.1:7000", "--colour", "blue")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

    String error = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(worker.waitFor()).isEqualTo(2);
    assertThat(error).isEqualTo("impetus-worker: unknown option '--colour' (a node starts workers)"
        + System.lineSeparator());
  }
}
