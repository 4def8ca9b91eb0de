package io.impetus.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The example's command line, parsed without running anything. */
class PipelineOptionsTest {

  @Test
  void optionsGiveTheStreamItsPropertiesAndTheCrawlItsCategories() {
    CommandLine commandLine = Pipeline.commandLine();

    commandLine.parseArgs("-r", "mpps:2,owner:me", "--categories", "7");

    Pipeline.Options options = commandLine.getCommand();
    assertThat(options.client.properties())
        .containsExactly(entry("mpps", "2"), entry("owner", "me"));
    assertThat(options.categories).isEqualTo(7);
  }

  @Test
  void byDefaultTheStreamHasNoPropertiesAndFourCategoriesAreCrawled() {
    CommandLine commandLine = Pipeline.commandLine();

    commandLine.parseArgs();

    Pipeline.Options options = commandLine.getCommand();
    assertThat(options.client.properties()).isEmpty();
    assertThat(options.categories).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-r           | mss     | invalid value for option '--properties': 'mss' is not"
          + " name:value; expected name:value[,name:value...], such as mss:1000",
      "-r           | :5      | invalid value for option '--properties': ':5' has no name"
          + " before ':'",
      "-r           | mss:abc | invalid value for option '--properties': stream property mss"
          + " must be a positive integer, not 'abc'",
      "--categories | 0       | invalid value for option '--categories': 0 is not from 1 to 1000",
      "--categories | x       | Invalid value for option '--categories': 'x' is not an int"})
  void aBadOptionIsOneLineAndStatusTwo(String option, String value, String message) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Pipeline.commandLine().setErr(new PrintWriter(err, true));

    int status = commandLine.execute(option, value);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly("pipeline: " + message + " (see --help)");
  }
}
