package io.impetus.examples.helloworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The example's command line, parsed without running anything. */
class HelloworldOptionsTest {

  @Test
  void propertiesOptionGivesTheStreamItsProperties() {
    CommandLine commandLine = Helloworld.commandLine();

    commandLine.parseArgs("-r", "mss:1000,owner:me");

    Helloworld.Options options = commandLine.getCommand();
    assertThat(options.properties).containsExactly(entry("mss", "1000"), entry("owner", "me"));
  }

  @Test
  void withoutThePropertiesOptionTheStreamHasNone() {
    CommandLine commandLine = Helloworld.commandLine();

    commandLine.parseArgs("-t", "tasks");

    assertThat(((Helloworld.Options) commandLine.getCommand()).properties).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mss     | 'mss' is not name:value; expected name:value[,name:value...], such as mss:1000",
      ":5      | ':5' has no name before ':'",
      "mss:abc | stream property mss must be a positive integer, not 'abc'"})
  void malformedPropertiesAreOneLineAndStatusTwo(String text, String message) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Helloworld.commandLine().setErr(new PrintWriter(err, true));

    int status = commandLine.execute("-r", text);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly(
        "helloworld: invalid value for option '--properties': " + message + " (see --help)");
  }

  @Test
  void anyBadOptionIsOneLineAndStatusTwo() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Helloworld.commandLine().setErr(new PrintWriter(err, true));

    assertThat(commandLine.execute("-x")).isEqualTo(2);
    assertThat(commandLine.execute("-r", "mss:1", "-r", "mss:2")).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "helloworld: Unknown option: '-x' (see --help)",
        "helloworld: option '--properties' (K:V[,K:V...]) should be specified only once"
            + " (see --help)");
  }
}
