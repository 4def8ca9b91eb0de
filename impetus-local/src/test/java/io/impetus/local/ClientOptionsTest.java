package io.impetus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.impetus.client.Client;
import io.impetus.client.ImpetusException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The command line the examples share, mixed into a command as an example mixes it in; its
 * clients are never made, so nothing runs but, without {@code -q}, an embedded queue and node.
 */
class ClientOptionsTest {

  /** An example's command, whose factory records what it is given and then fails as it says. */
  @Command(name = "example", mixinStandardHelpOptions = true, description = "An example.")
  static final class Example implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();

    final List<Made> made = new ArrayList<>();
    RuntimeException failure = new ImpetusException("no client here");

    @Override
    public Integer call() {
      return client.run(NoClient.class, (address, authkey, taskdir, id, properties) -> {
        made.add(new Made(address, authkey, taskdir, id, properties));
        throw failure;
      });
    }
  }

  /** What the factory was given. */
  record Made(String address, @Nullable String authkey, Path taskdir, @Nullable String id,
      Map<String, String> properties) {}

  /** A client class, for the embedded node to keep off its workers' classpath. */
  static final class NoClient extends Client {
    NoClient() {
      super("127.0.0.1:1", null, Path.of("."), null);
    }
  }

  private final Example example = new Example();
  private final StringWriter err = new StringWriter();
  private final CommandLine commandLine =
      ClientOptions.commandLine(example).setErr(new PrintWriter(err, true));

  @Test
  void withQueueAloneTheClientIsMadeWithTheDefaults() {
    int status = commandLine.execute("-q", "localhost");

    assertThat(example.made).containsExactly(
        new Made("localhost:50000", null, Path.of("tasks"), null, Map.of()));
    assertThat(example.client.properties()).isEmpty();
    assertThat(status).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly("example: no client here");
  }

  @Test
  void withQueueTheClientIsMadeForItFromTheOptions() {
    int status = commandLine.execute("-q", "queue.example", "-p", "50123", "-a", "secret",
        "-t", "/var/tasks", "-i", "crawl-1", "-r", "mss:1000,owner:me");

    assertThat(example.made).containsExactly(new Made("queue.example:50123", "secret",
        Path.of("/var/tasks"), "crawl-1", Map.of("mss", "1000", "owner", "me")));
    assertThat(example.client.properties())
        .containsExactly(entry("mss", "1000"), entry("owner", "me"));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly("example: no client here");
  }

  @Test
  void withoutQueueTheClientIsMadeForAnEmbeddedOne() {
    example.failure = new IllegalStateException("embedded, and stopped");

    int status = commandLine.execute("-p", "50123", "-a", "ignored");

    assertThat(example.made).singleElement().satisfies(made -> {
      assertThat(made.address()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:50123");
      assertThat(made.authkey()).isNotNull().isNotEqualTo("ignored");
      assertThat(made.taskdir()).isEqualTo(Path.of("tasks"));
      assertThat(made.id()).isNull();
      assertThat(made.properties()).isEmpty();
    });
    assertThat(status).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly("example: embedded, and stopped");
  }

  @Test
  void aClientThatCannotBeMadeIsOneLineAndStatusOne() {
    example.failure = new IllegalArgumentException("client id '-' must be 1-128 letters");

    assertThat(commandLine.execute("-q", "localhost", "-i", "-")).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly("example: client id '-' must be 1-128 letters");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mss     | 'mss' is not name:value; expected name:value[,name:value...], such as mss:1000",
      ":5      | ':5' has no name before ':'",
      "mss:abc | stream property mss must be a positive integer, not 'abc'"})
  void malformedPropertiesAreOneLineAndStatusTwo(String text, String message) {
    int status = commandLine.execute("-q", "localhost", "-r", text);

    assertThat(status).isEqualTo(2);
    assertThat(example.made).isEmpty();
    assertThat(err.toString().lines()).containsExactly(
        "example: invalid value for option '--properties': " + message + " (see --help)");
  }

  @Test
  void anyBadOptionIsOneLineAndStatusTwo() {
    assertThat(commandLine.execute("-x")).isEqualTo(2);
    assertThat(commandLine.execute("-p", "many")).isEqualTo(2);
    assertThat(commandLine.execute("-r", "mss:1", "-r", "mss:2")).isEqualTo(2);

    assertThat(example.made).isEmpty();
    assertThat(err.toString().lines()).containsExactly(
        "example: Unknown option: '-x' (see --help)",
        "example: Invalid value for option '--qport': 'many' is not an int (see --help)",
        "example: option '--properties' (K:V[,K:V...]) should be specified only once"
            + " (see --help)");
  }
}
