package io.impetus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartFailureTest {

  @TempDir Path dir;

  @Test
  void daemonsOwnLineWins() {
    assertThat(StartFailure.reason("impetus-queue", """
        2026-01-01 10:00:00.000 WARN  [main] x - something
        impetus-queue: cannot listen on 127.0.0.1:50000: Address already in use
        """)).contains("cannot listen on 127.0.0.1:50000: Address already in use");
  }

  @Test
  void jsvcStackTraceGivesTheExceptionTheDaemonThrew() {
    assertThat(StartFailure.reason("impetus-queue", """
        java.lang.reflect.InvocationTargetException
        \tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
        \tat org.apache.commons.daemon.support.DaemonLoader.start(DaemonLoader.java:234)
        Caused by: java.lang.IllegalStateException: cannot listen on 127.0.0.1:1: Address in use
        \tat io.impetus.queue.QueueDaemon.start(QueueDaemon.java:76)
        Caused by: java.net.BindException: Address in use
        \tat java.base/sun.nio.ch.Net.bind0(Native Method)
        Cannot start daemon
        Service exit with a return value of 5"""))
        .contains("cannot listen on 127.0.0.1:1: Address in use");
  }

  @Test
  void exceptionWithoutCauseIsShown() {
    assertThat(StartFailure.reason("impetus-queue", """
        java.lang.ClassNotFoundException: io.example.Missing
        \tat org.apache.commons.daemon.support.DaemonLoader.load(DaemonLoader.java:144)
        Cannot load daemon
        Service exit with a return value of 3""")).contains("io.example.Missing");
  }

  @Test
  void otherwiseTheLastPlainLine() {
    assertThat(StartFailure.reason("impetus-queue", "Cannot locate Java Home\n"))
        .contains("Cannot locate Java Home");
    assertThat(StartFailure.reason("impetus-queue", "Service exit with a return value of 1\n"))
        .isEmpty();
  }

  @Test
  void onlyWhatWasWrittenSinceTheMarkCounts() throws IOException {
    Path err = dir.resolve("Queue.err");
    Files.writeString(err, "impetus-queue: an earlier failure\n");
    long mark = StartFailure.mark(err);
    Files.writeString(err, "impetus-queue: this failure\n", StandardOpenOption.APPEND);

    assertThat(StartFailure.reason("impetus-queue", err, mark)).contains("this failure");
    assertThat(StartFailure.reason("impetus-queue", err, StartFailure.mark(err))).isEmpty();
    assertThat(StartFailure.mark(dir.resolve("missing.err"))).isZero();
  }
}
