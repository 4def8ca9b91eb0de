package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-data template of {@code bootstrap/}, rendered: complete, secret-free, valid bash. */
class UserDataRendererTest {

  /** The queue's key in this test: it must never reach the user data. */
  private static final String AUTHKEY = "k3y-that-must-never-leak-9f8e7d";
  /** bootstrap/ in the source tree (tests run in impetus-dfs/). */
  static final Path BOOTSTRAP = Path.of("..", "bootstrap");

  static NodeBootstrap bootstrap(String authkeySource) {
    return NodeBootstrap.builder("queue.internal.example", 50001,
        AuthkeySource.parse(authkeySource),
        URI.create("https://downloads.example.com/impetus-0.1.0.tar.gz"))
        .mpps(7)
        .nodeSha256("a".repeat(64))
        .javaPackage("java-21-amazon-corretto-headless")
        .build();
  }

  @Test
  void everyVariableIsFilledAndTheAuthkeyNeverAppears() throws IOException {
    Path keyFile = Files.writeString(Files.createTempFile("authkey", ""), AUTHKEY);
    for (String source : new String[] {"ssm:/impetus/prod/authkey",
        "secretsmanager:impetus/prod/authkey", "file:" + keyFile.toAbsolutePath()}) {
      String script = UserDataRenderer.bundled().render(bootstrap(source));

      assertThat(script).doesNotContain("{{", "}}", AUTHKEY)
          .contains("QUEUE_HOST='queue.internal.example'\n", "QUEUE_PORT='50001'\n",
              "AUTHKEY_SOURCE='" + source + "'\n", "MPPS='7'\n",
              "NODE_URL='https://downloads.example.com/impetus-0.1.0.tar.gz'\n",
              "NODE_SHA256='" + "a".repeat(64) + "'\n",
              "JAVA_PACKAGE='java-21-amazon-corretto-headless'\n");
      assertThat(new String(Base64.getDecoder().decode(
          UserDataRenderer.bundled().renderBase64(bootstrap(source))), StandardCharsets.UTF_8))
          .isEqualTo(script);
    }
    Files.delete(keyFile);
  }

  @Test
  void theBundledTemplatesAreTheOnesInBootstrap() throws IOException {
    String script = UserDataRenderer.bundled().render(bootstrap("ssm:/impetus/authkey"));

    assertThat(script).isEqualTo(
        UserDataRenderer.fromDirectory(BOOTSTRAP).render(bootstrap("ssm:/impetus/authkey")));
    assertThat(script).contains(Files.readString(BOOTSTRAP.resolve("impetus-node.service"))
        .stripTrailing() + "\nIMPETUS_NODE_UNIT\n");
  }

  @Test
  void optionalVariablesRenderAsEmptyWords() {
    NodeBootstrap minimal = NodeBootstrap.builder("10.0.0.5", 50000,
        AuthkeySource.parse("ssm:/impetus/authkey"), URI.create("s3://impetus-dist/node.tgz"))
        .build();

    String script = UserDataRenderer.bundled().render(minimal);

    assertThat(script).contains("NODE_SHA256=''\n", "JAVA_PACKAGE=''\n", "MPPS='5'\n",
        "NODE_URL='s3://impetus-dist/node.tgz'\n");
  }

  @Test
  void theRenderedScriptIsValidBash(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    Path script = dir.resolve("user-data.sh");
    Files.writeString(script,
        UserDataRenderer.bundled().render(bootstrap("file:/etc/impetus/authkey")));

    Process bash = new ProcessBuilder("/bin/bash", "-n", script.toString())
        .redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
  }

  @Test
  void valuesAreSingleShellWords() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    String tricky = "it's $(touch /tmp/pwned) `id` \"q\" \\ ${HOME}";

    Process bash = new ProcessBuilder("/bin/bash", "-c",
        "printf %s " + UserDataRenderer.shellWord(tricky)).start();

    assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(tricky);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aTemplateWithAnUnknownVariableIsRefused() {
    UserDataRenderer renderer = UserDataRenderer.of(
        "Q={{QUEUE_HOST}} P={{QUEUE_PORT}} A={{AUTHKEY_SOURCE}} U={{NODE_URL}} {{NODE_UNIT}}"
            + " X={{QUEUE_HSOT}}", "[Unit]");

    assertThatThrownBy(() -> renderer.render(bootstrap("ssm:/k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown variables [QUEUE_HSOT]");
  }

  @Test
  void aTemplateWithAMalformedPlaceholderIsRefused() {
    assertThatThrownBy(() -> UserDataRenderer.of(
        "Q={{QUEUE_HOST}} P={{QUEUE_PORT}} A={{AUTHKEY_SOURCE}} U={{NODE_URL}} {{NODE_UNIT}}"
            + " M={{ mpps }}", "[Unit]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed placeholder {{ mpps }}");
  }

  @Test
  void aTemplateThatDoesNotStartTheNodeIsRefused() {
    assertThatThrownBy(() -> UserDataRenderer.of("echo {{QUEUE_HOST}}", "[Unit]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks [AUTHKEY_SOURCE, NODE_UNIT, NODE_URL, QUEUE_PORT]");
  }

  @Test
  void aRenderingOverSixteenKilobytesIsRefused() {
    UserDataRenderer renderer = UserDataRenderer.of(
        "Q={{QUEUE_HOST}} P={{QUEUE_PORT}} A={{AUTHKEY_SOURCE}} U={{NODE_URL}}\n{{NODE_UNIT}}",
        "# " + "x".repeat(UserDataRenderer.MAX_USER_DATA_BYTES));

    assertThatThrownBy(() -> renderer.render(bootstrap("ssm:/k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over EC2's limit of 16384 bytes (16 KB, before base64)");
  }

  @Test
  void theBundledRenderingLeavesRoomUnderTheLimit() {
    int bytes = UserDataRenderer.bundled().render(bootstrap("ssm:/impetus/authkey"))
        .getBytes(StandardCharsets.UTF_8).length;

    assertThat(bytes).isLessThan(UserDataRenderer.MAX_USER_DATA_BYTES * 3 / 4);
  }
}
