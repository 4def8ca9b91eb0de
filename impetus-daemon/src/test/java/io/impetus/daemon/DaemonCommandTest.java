package io.impetus.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class DaemonCommandTest {

  /** A daemon command as the real ones are built, which must not be started. */
  @Command(name = "example")
  static final class ExampleDaemon implements Daemon, Callable<Integer> {
    @Mixin DaemonCommand lifecycle = new DaemonCommand();

    @Option(names = {"-p", "--port"})
    int port;

    @Option(names = "--verbose")
    boolean verbose;

    @Option(names = "--name")
    String name = "";

    @Override
    public Integer call() {
      return lifecycle.run("Example", this, CompletableFuture::new);
    }

    @Override
    public void init(DaemonContext context) {}

    @Override
    public void start() {
      throw new AssertionError("not to be started");
    }

    @Override
    public void stop() {}

    @Override
    public void destroy() {}
  }

  private final StringWriter err = new StringWriter();

  private int execute(ExampleDaemon daemon, String... args) {
    return new CommandLine(daemon).setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void detachedDaemonGetsTheOptionsWithoutTheActionAndWithAbsoluteDirectories() {
    ExampleDaemon daemon = new ExampleDaemon();
    CommandLine commandLine = new CommandLine(daemon);
    commandLine.parseArgs("-p5", "start", "--verbose", "-i", "run");

    assertThat(daemon.lifecycle.daemonOptions()).containsExactly("--port=5", "--verbose",
        "--piddir=" + Path.of("run").toAbsolutePath(),
        "--logdir=" + Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("impetus-" + System.getProperty("user.name")));
  }

  @Test
  void valueThatLooksLikeAnOptionStaysAValue() {
    ExampleDaemon daemon = new ExampleDaemon();
    CommandLine commandLine = new CommandLine(daemon);
    commandLine.parseArgs("--name", "-odd", "stop");

    assertThat(daemon.lifecycle.daemonOptions()).startsWith("--name=-odd");
    new CommandLine(new ExampleDaemon()).parseArgs(
        daemon.lifecycle.daemonOptions().toArray(String[]::new));
  }

  @Test
  void optionsParseWithoutAnActionAsJsvcPassesThem() {
    ExampleDaemon daemon = new ExampleDaemon();

    new CommandLine(daemon).parseArgs("--port", "5", "--piddir", "/run/x", "--logdir", "/log/x");

    assertThat(daemon.port).isEqualTo(5);
  }

  @Test
  void missingActionIsAUsageError() {
    assertThat(execute(new ExampleDaemon())).isEqualTo(2);

    assertThat(err.toString())
        .isEqualTo("example: missing action (start, stop, restart or foreground)\n");
  }

  @Test
  void unknownActionIsAUsageErrorListingTheActions() {
    assertThat(execute(new ExampleDaemon(), "bogus")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(
        "example: unknown action 'bogus' (start, stop, restart or foreground)\n");
  }

  @Test
  void detachedIsNotAnActionTheUsageShows() {
    String usage = new CommandLine(new ExampleDaemon()).getUsageMessage();

    assertThat(usage).doesNotContain(DaemonCommand.DETACHED + ":").contains("foreground:");
  }
}
