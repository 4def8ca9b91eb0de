package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options, bootstrap values and authkey sources are checked when built, naming the bad value. */
class Ec2OptionsTest {

  private static Ec2Options.Builder valid() {
    return Ec2Options.builder("prod").imageId("ami-0abcdef1234567890").instanceType("t3.micro");
  }

  @Test
  void tagsMarkTheClusterAndTheRoleAndKeepTheExtraOnesInOrder() {
    Ec2Options options = valid().tag("team", "research").tag("cost-center", "42").build();

    assertThat(options.allTags()).containsExactly(
        Map.entry("impetus:cluster", "prod"), Map.entry("impetus:role", "node"),
        Map.entry("Name", "impetus-prod-node"), Map.entry("team", "research"),
        Map.entry("cost-center", "42"));
    assertThat(valid().tag("Name", "workers").build().nameTag()).isEqualTo("workers");
  }

  @Test
  void reservedTagKeysAreRefused() {
    assertThatThrownBy(() -> valid().tag("impetus:cluster", "other").build())
        .hasMessageContaining("bad EC2 tag key 'impetus:cluster'");
    assertThatThrownBy(() -> valid().tag("aws:foo", "x").build())
        .hasMessageContaining("bad EC2 tag key 'aws:foo'");
    assertThatThrownBy(() -> valid().tag("team", "a").tag("team", "b"))
        .hasMessageContaining("given twice");
  }

  @Test
  void tooManyTagsAreRefused() {
    Ec2Options.Builder builder = valid();
    for (int i = 0; i < 48; i++) {
      builder.tag("t" + i, "v");
    }
    assertThatThrownBy(builder::build).hasMessageContaining("at most 47 besides the impetus ones");
  }

  @Test
  void anImageOrALaunchTemplateIsRequired() {
    assertThatThrownBy(() -> Ec2Options.builder("prod").instanceType("t3.micro").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("an AMI id, a launch template, or both");
    assertThatThrownBy(() -> Ec2Options.builder("prod").imageId("ami-0abcdef1234567890").build())
        .hasMessageContaining("unless the launch template has one");
    assertThat(Ec2Options.builder("prod")
        .launchTemplate(Ec2Options.LaunchTemplate.of("nodes", null)).build().imageId()).isNull();
    String latest =
        "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    assertThat(Ec2Options.builder("prod").instanceType("t3.micro").imageId(latest).build()
        .imageId()).isEqualTo(latest);
  }

  @Test
  void badValuesAreNamedInTheMessage() {
    assertThatThrownBy(() -> Ec2Options.builder("my cluster").build())
        .hasMessageContaining("bad EC2 cluster name 'my cluster'");
    assertThatThrownBy(() -> valid().imageId("ubuntu").build())
        .hasMessageContaining("bad EC2 AMI id 'ubuntu'");
    assertThatThrownBy(() -> valid().subnetId("vpc-123").build())
        .hasMessageContaining("bad EC2 subnet id 'vpc-123'");
    assertThatThrownBy(() -> valid().securityGroupIds("default").build())
        .hasMessageContaining("bad EC2 security group id 'default'");
    assertThatThrownBy(() -> valid().region("Frankfurt").build())
        .hasMessageContaining("bad EC2 region 'Frankfurt'");
    assertThatThrownBy(() -> valid().endpoint(URI.create("ftp://localhost")).build())
        .hasMessageContaining("bad EC2 endpoint 'ftp://localhost'");
    assertThatThrownBy(() -> valid().instanceProfile("arn:aws:iam::1:role/x").build())
        .hasMessageContaining("bad EC2 instance profile");
  }

  @Test
  void aSpotPriceNeedsTheSpotMarketAndMustBePositive() {
    assertThat(valid().spot("0.05").build().market()).isEqualTo(Ec2Options.Market.SPOT);
    assertThat(valid().spot(null).build().spotMaxPrice()).isNull();
    assertThatThrownBy(() -> valid().spot("0").build())
        .hasMessageContaining("bad EC2 spot max price '0'");
    assertThatThrownBy(() -> valid().spot("0.05").market(Ec2Options.Market.ON_DEMAND).build())
        .hasMessageContaining("only with the spot market");
    assertThat(Ec2Options.Market.parse("On-Demand")).isEqualTo(Ec2Options.Market.ON_DEMAND);
    assertThat(Ec2Options.Market.SPOT).hasToString("spot");
    assertThatThrownBy(() -> Ec2Options.Market.parse("reserved"))
        .hasMessageContaining("expected on-demand or spot");
  }

  @Test
  void aLaunchTemplateIsAnIdOrAName() {
    assertThat(Ec2Options.LaunchTemplate.of("lt-0123456789abcdef0", "3"))
        .isEqualTo(new Ec2Options.LaunchTemplate("lt-0123456789abcdef0", null, "3"));
    assertThat(Ec2Options.LaunchTemplate.of("impetus-nodes", null))
        .isEqualTo(new Ec2Options.LaunchTemplate(null, "impetus-nodes", "$Default"));
    assertThatThrownBy(() -> new Ec2Options.LaunchTemplate("lt-0123456789abcdef0", "n", "1"))
        .hasMessageContaining("an id or a name, not both");
    assertThatThrownBy(() -> Ec2Options.LaunchTemplate.of("nodes", "latest"))
        .hasMessageContaining("bad EC2 launch template version 'latest'");
  }

  @Test
  void anAuthkeySourceNamesWhereTheKeyIsNeverTheKey() {
    assertThat(AuthkeySource.parse("ssm:/impetus/authkey"))
        .isEqualTo(new AuthkeySource(AuthkeySource.Kind.SSM, "/impetus/authkey"));
    assertThat(AuthkeySource.parse("secretsmanager:impetus/authkey").kind())
        .isEqualTo(AuthkeySource.Kind.SECRETS_MANAGER);
    assertThat(AuthkeySource.parse("file:/etc/impetus/authkey")).hasToString(
        "file:/etc/impetus/authkey");
    assertThatThrownBy(() -> AuthkeySource.parse("s3cr3t-k3y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 characters, not shown")
        .message().doesNotContain("s3cr3t-k3y");
    assertThatThrownBy(() -> AuthkeySource.parse("file:relative/key"))
        .hasMessageContaining("an absolute path");
    assertThatThrownBy(() -> AuthkeySource.parse("ssm:has space"))
        .hasMessageContaining("an SSM parameter name");
  }

  @Test
  void bootstrapValuesAreChecked() {
    AuthkeySource ssm = AuthkeySource.parse("ssm:/impetus/authkey");
    URI https = URI.create("https://downloads.example.com/impetus.tar.gz");
    assertThatThrownBy(() -> NodeBootstrap.builder("127.0.0.1", 50000, ssm, https).build())
        .hasMessageContaining("not a loopback one");
    assertThatThrownBy(() -> NodeBootstrap.builder("localhost", 50000, ssm, https).build())
        .hasMessageContaining("not a loopback one");
    assertThatThrownBy(() -> NodeBootstrap.builder("10.0.0.5", 0, ssm, https).build())
        .hasMessageContaining("bad bootstrap queue port '0'");
    assertThatThrownBy(() -> NodeBootstrap.builder("10.0.0.5", 50000, ssm, https).mpps(0)
        .build()).hasMessageContaining("bad bootstrap mpps '0'");
    assertThatThrownBy(() -> NodeBootstrap.builder("10.0.0.5", 50000, ssm,
        URI.create("http://mirror.example.com/impetus.tar.gz")).build())
        .hasMessageContaining("http:// only with a sha256");
    assertThat(NodeBootstrap.builder("10.0.0.5", 50000, ssm,
        URI.create("http://mirror.example.com/impetus.tar.gz")).nodeSha256("0".repeat(64))
        .build().nodeSha256()).hasSize(64);
    assertThatThrownBy(() -> NodeBootstrap.builder("10.0.0.5", 50000, ssm,
        URI.create("file:///tmp/impetus.tar.gz")).build())
        .hasMessageContaining("an https://, s3:// or http:// URL");
    assertThatThrownBy(() -> NodeBootstrap.builder("10.0.0.5", 50000, ssm, https)
        .nodeSha256("abc").build()).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> NodeBootstrap.builder("10.0.0.5", 50000, ssm, https)
        .javaPackage("jdk; rm -rf /").build()).hasMessageContaining("bad bootstrap java package");
  }
}
