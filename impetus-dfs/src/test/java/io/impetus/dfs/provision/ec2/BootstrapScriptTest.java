package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the rendered user-data script for real, in bash, with every path under a scratch root and
 * the outside world replaced by stubs on the PATH (the metadata service, the AWS CLI, apt,
 * systemctl, useradd, chown, sleep): it fetches the key, checks and unpacks the distribution,
 * writes the node's settings and unit, and starts it, as on a new machine.
 */
class BootstrapScriptTest {

  private static final String KEY = "the-queue-key-4c1d";
  private static final String INSTANCE = "i-0fa1ce0000000001";

  @TempDir
  Path dir;
  private Path root;
  private Path bin;
  private Path calls;
  private Path tarball;

  @BeforeEach
  void world() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sha256sum"))
        || Files.isExecutable(Path.of("/bin/sha256sum")), "sha256sum is not installed");
    root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
    bin = Files.createDirectories(dir.resolve("bin"));
    calls = dir.resolve("calls.log");
    Files.writeString(calls, "");
    stub("curl", """
        echo "curl $*" >> "$CALLS"
        case "$*" in
          *api/token*) printf imds-token ;;
          *meta-data/instance-id*) printf %s "$INSTANCE" ;;
          *meta-data/placement/region*) printf us-east-1 ;;
          *" -o "*) while [ "$1" != -o ]; do shift; done; cp "$TARBALL" "$2" ;;
          *) exit 22 ;;
        esac
        """);
    stub("aws", """
        echo "aws $*" >> "$CALLS"
        case "$1 $2" in
          "ssm get-parameter") printf '%s\\n' "$KEY" ;;
          *) exit 1 ;;
        esac
        """);
    stub("systemctl", """
        if [ "$1" = --version ]; then echo "systemd ${SYSTEMD_VERSION:-252} (252.38)"; exit 0; fi
        echo "systemctl $*" >> "$CALLS"
        """);
    stub("apt-get", """
        echo "apt-get $*" >> "$CALLS"
        if [ "$1" = install ]; then touch "$FAKE/jdk-installed"; fi
        """);
    stub("apt-cache", """
        [ "$2" = openjdk-17-jdk-headless ]
        """);
    stub("java", """
        if [ -e "$FAKE/jdk-installed" ]; then v=17.0.15; else v=11.0.2; fi
        echo "openjdk version \\"$v\\" 2025-04-15" >&2
        """);
    stub("id", "exit 1\n");
    stub("useradd", "echo \"useradd $*\" >> \"$CALLS\"\n");
    stub("chown", "echo \"chown $*\" >> \"$CALLS\"\n");
    stub("sleep", "echo \"sleep $*\" >> \"$CALLS\"\n");
    tarball = distribution();
  }

  private void stub(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A node distribution as impetus-dist lays it out: bin/ and lib/ under one top directory. */
  private Path distribution() throws IOException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve("dist/impetus-0.1.0"));
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("lib"));
    Files.writeString(home.resolve("bin/impetus-node"), "#!/usr/bin/env bash\n");
    Files.writeString(home.resolve("bin/launch"), "#!/usr/bin/env bash\n");
    Files.writeString(home.resolve("lib/impetus-node-0.1.0.jar"), "jar");
    Path archive = dir.resolve("impetus-0.1.0.tar.gz");
    Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C",
        dir.resolve("dist").toString(), "impetus-0.1.0").inheritIO().start();
    assertThat(tar.waitFor(30, TimeUnit.SECONDS) && tar.exitValue() == 0).isTrue();
    return archive;
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** The script's exit status and output. */
  private record Run(int status, String output) {}

  private Run run(@Nullable String sha256, @Nullable String systemdVersion) throws Exception {
    NodeBootstrap bootstrap = NodeBootstrap.builder("10.0.0.5", 50000,
        AuthkeySource.parse("ssm:/impetus/authkey"),
        URI.create("https://downloads.example.com/impetus-0.1.0.tar.gz"))
        .mpps(3).nodeSha256(sha256).build();
    Path script = dir.resolve("user-data.sh");
    Files.writeString(script, UserDataRenderer.bundled().render(bootstrap));
    ProcessBuilder builder = new ProcessBuilder("/bin/bash", script.toString())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("IMPETUS_BOOTSTRAP_ROOT", root.toString());
    env.put("IMPETUS_BOOTSTRAP_IMDS", "http://imds.invalid");
    env.put("CALLS", calls.toString());
    env.put("FAKE", dir.toString());
    env.put("TARBALL", tarball.toString());
    env.put("KEY", KEY);
    env.put("INSTANCE", INSTANCE);
    if (systemdVersion != null) {
      env.put("SYSTEMD_VERSION", systemdVersion);
    }
    Process bash = builder.start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(bash.exitValue(), output);
  }

  @Test
  void aNewMachineGetsTheKeyTheNodeAndAStartedUnit() throws Exception {
    Run run = run(sha256(tarball), null);

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain(KEY)
        .contains("impetus-node.service started: node " + INSTANCE);
    Path key = root.resolve("etc/impetus/authkey");
    assertThat(Files.readString(key)).isEqualTo(KEY + "\n");
    assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(root.resolve("etc/impetus/impetus-node.env")))
        .contains("IMPETUS_NODE_ID=" + INSTANCE + "\n", "IMPETUS_QUEUE_HOST=10.0.0.5\n",
            "IMPETUS_QUEUE_PORT=50000\n", "IMPETUS_MPPS=3\n")
        .doesNotContain(KEY);
    assertThat(Files.readString(root.resolve("etc/systemd/system/impetus-node.service")))
        .isEqualTo(Files.readString(UserDataRendererTest.BOOTSTRAP.resolve(
            "impetus-node.service")).stripTrailing() + "\n");
    assertThat(root.resolve("opt/impetus/bin/impetus-node")).isExecutable();
    assertThat(root.resolve("opt/impetus/lib/impetus-node-0.1.0.jar")).exists();
    List<String> log = Files.readAllLines(calls);
    assertThat(log).contains(
        "curl -sSf -X PUT http://imds.invalid/latest/api/token"
            + " -H X-aws-ec2-metadata-token-ttl-seconds: 600",
        "aws ssm get-parameter --region us-east-1 --name /impetus/authkey --with-decryption"
            + " --query Parameter.Value --output text",
        "chown root:root " + root.resolve("etc/impetus/.authkey.tmp"),
        "systemctl daemon-reload",
        "systemctl enable --now impetus-node.service");
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("apt-get install")
        .contains("openjdk-17-jdk-headless"));
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("useradd --system")
        .endsWith(" impetus"));
    assertThat(log).noneMatch(line -> line.startsWith("sleep"));
  }

  @Test
  void aDistributionWithTheWrongChecksumIsNeverInstalled() throws Exception {
    Run run = run("0".repeat(64), null);

    assertThat(run.status()).isNotZero();
    assertThat(run.output()).contains("does not have the sha256 " + "0".repeat(64));
    assertThat(root.resolve("opt/impetus")).doesNotExist();
    assertThat(Files.readString(calls)).doesNotContain("systemctl enable");
  }

  @Test
  void anOldSystemdIsRefusedClearly() throws Exception {
    Run run = run(null, "245");

    assertThat(run.status()).isNotZero();
    assertThat(run.output()).contains("systemd 245 is too old");
    assertThat(root.resolve("etc/impetus/authkey")).doesNotExist();
  }
}
