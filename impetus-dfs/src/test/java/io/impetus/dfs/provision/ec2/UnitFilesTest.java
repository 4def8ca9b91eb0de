package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The systemd units of {@code bootstrap/}: each runs its launcher in the foreground as the
 * {@code impetus} user, restarts on failure, reads its settings from an environment file and the
 * key as a credential, and (where {@code systemd-analyze} exists) has no key systemd ignores.
 */
class UnitFilesTest {

  @ParameterizedTest
  @ValueSource(strings = {"impetus-queue", "impetus-node", "impetus-dfs"})
  void eachUnitRunsItsLauncherInTheForegroundAsTheImpetusUser(String daemon) throws Exception {
    String unit = Files.readString(UserDataRendererTest.BOOTSTRAP.resolve(daemon + ".service"));

    assertThat(unit).contains("\nType=simple\n", "\nUser=impetus\n", "\nGroup=impetus\n",
        "\nRestart=on-failure\n", "\nEnvironmentFile=/etc/impetus/" + daemon + ".env\n",
        "\nLoadCredential=authkey:/etc/impetus/authkey\n", "--authkey-file %d/authkey",
        "\nExecStart=/opt/impetus/bin/" + daemon + " ", " foreground\n",
        "\nWantedBy=multi-user.target\n");
    assertThat(unit).doesNotContain("IMPETUS_AUTHKEY=", "AWS_SECRET_ACCESS_KEY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"impetus-queue", "impetus-node", "impetus-dfs"})
  void systemdFindsNothingToIgnore(String daemon) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
        "systemd-analyze is not installed");
    Process verify = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", "--man=no",
        UserDataRendererTest.BOOTSTRAP.resolve(daemon + ".service").toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // The launchers are not installed here; anything else is a mistake in the unit.
    assertThat(output.lines().filter(line -> !line.isBlank())).allSatisfy(line ->
        assertThat(line).matches(daemon + "\\.service: Command /opt/impetus/bin/" + daemon
            + " is not executable: No such file or directory"));
  }
}
