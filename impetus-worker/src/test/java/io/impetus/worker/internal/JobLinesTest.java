package io.impetus.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/**
 * A worker's per-job lines are exactly what its Logback configuration writes for the same
 * messages: the node and anyone reading its log see no difference.
 */
class JobLinesTest {

  private static LoggerContext logback;
  private static Encoder<ILoggingEvent> encoder;

  @BeforeContainer
  static void configureLogbackAsWorkersDo() throws JoranException {
    logback = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logback);
    configurator.doConfigure(JobLines.class.getResource("/io/impetus/worker/worker-logback.xml"));
    Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
    encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("OUT")).getEncoder();
  }

  @AfterContainer
  static void stopLogback() {
    logback.stop();
  }

  @Property
  void processingLinesAreLogbacks(@ForAll("times") long millis, @ForAll("ids") String id,
      @ForAll("names") String name, @ForAll("pids") String pid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines(out, pid).processing(id, name, millis);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(logback(millis,
        "processing job: {}, {}, {}, processing", pid, id, name));
  }

  @Property
  void completedLinesAreLogbacks(@ForAll("times") long millis, @ForAll("ids") String id,
      @ForAll("names") String name, @ForAll("pids") String pid, @ForAll boolean ready) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobLines lines = lines(out, pid);
    lines.completed(id, name, ready, millis);
    lines.completed(id, name, ready, millis + 1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        logback(millis, "completed job: {}, {}, {}, {}", pid, id, name, ready ? "ready" : "error")
            + logback(millis + 1, "completed job: {}, {}, {}, {}", pid, id, name,
                ready ? "ready" : "error"));
  }

  @Test
  void eachSecondIsFormattedInTheGivenZoneAcrossAChangeOfOffset() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    long lastBeforeSummerTime = Instant.parse("2026-03-29T00:59:59.999Z").toEpochMilli();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, false, StandardCharsets.UTF_8);
    JobLines lines = new JobLines(stream, "7", berlin);
    lines.processing("a", "f", lastBeforeSummerTime);
    lines.processing("a", "f", lastBeforeSummerTime + 1);
    stream.flush();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "2026-03-29 01:59:59.999 INFO  processing job: 7, a, f, processing",
        "2026-03-29 03:00:00.000 INFO  processing job: 7, a, f, processing");
  }

  @Test
  void namesOutsideAsciiArriveAsUtf8WhichTheNodeReads() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines(out, "9").completed("id", "größe", true, 0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("completed job: 9, id, größe, ready");
  }

  private static JobLines lines(ByteArrayOutputStream out, String pid) {
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8) {
      @Override
      public void write(byte[] bytes, int offset, int length) {
        super.write(bytes, offset, length);
        flush();
      }
    };
    return new JobLines(stream, pid, ZoneId.systemDefault());
  }

  private static String logback(long millis, String format, Object... arguments) {
    LoggingEvent event = new LoggingEvent(JobLinesTest.class.getName(),
        logback.getLogger(WorkerMain.class), Level.INFO, format, null, arguments);
    event.setTimeStamp(millis);
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<Long> times() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 4_102_444_800_000L),
        Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L),
        Arbitraries.longs().between(0, 100).map(second -> second * 1000 - 1));
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').withChars('-')
        .ofMinLength(1).ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().alpha().numeric().withChars('_', '$').ofMinLength(1)
        .ofMaxLength(30);
  }

  @Provide
  Arbitrary<String> pids() {
    return Arbitraries.longs().between(1, 4_194_304).map(String::valueOf);
  }
}
