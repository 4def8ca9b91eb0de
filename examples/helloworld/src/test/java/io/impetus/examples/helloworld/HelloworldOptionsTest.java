package io.impetus.examples.helloworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The example's command line, parsed without running anything: the options of {@link
 * io.impetus.local.ClientOptions}, which its test covers, under the example's name.
 */
class HelloworldOptionsTest {

  @Test
  void propertiesOptionGivesTheStreamItsProperties() {
    CommandLine commandLine = Helloworld.commandLine();

    commandLine.parseArgs("-r", "mss:1000,owner:me");

    Helloworld.Options options = commandLine.getCommand();
    assertThat(options.client.properties())
        .containsExactly(entry("mss", "1000"), entry("owner", "me"));
  }

  @Test
  void withoutThePropertiesOptionTheStreamHasNone() {
    CommandLine commandLine = Helloworld.commandLine();

    commandLine.parseArgs("-t", "tasks");

    assertThat(((Helloworld.Options) commandLine.getCommand()).client.properties()).isEmpty();
  }

  @Test
  void anyBadOptionIsOneLineAndStatusTwo() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Helloworld.commandLine().setErr(new PrintWriter(err, true));

    assertThat(commandLine.execute("-x")).isEqualTo(2);
    assertThat(commandLine.execute("-r", "mss:abc")).isEqualTo(2);
    assertThat(commandLine.execute("-r", "mss:1", "-r", "mss:2")).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "helloworld: Unknown option: '-x' (see --help)",
        "helloworld: invalid value for option '--properties': stream property mss must be a"
            + " positive integer, not 'abc' (see --help)",
        "helloworld: option '--properties' (K:V[,K:V...]) should be specified only once"
            + " (see --help)");
  }
}
