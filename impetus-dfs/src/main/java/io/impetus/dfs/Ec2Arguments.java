package io.impetus.dfs;

import io.impetus.dfs.provision.Provisioner;
import io.impetus.dfs.provision.ec2.AuthkeySource;
import io.impetus.dfs.provision.ec2.Ec2Options;
import io.impetus.dfs.provision.ec2.Ec2Provisioner;
import io.impetus.dfs.provision.ec2.NodeBootstrap;
import io.impetus.dfs.provision.ec2.UserDataRenderer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --ec2-...} options of {@code impetus-dfs --provider ec2}: which instances to start
 * and how their user data starts a node. AWS credentials and, unless {@code --ec2-region} is
 * given, the region come from the SDK's default chains, never from options. The authkey is never
 * an option here either: the nodes read it from {@code --ec2-authkey-source}.
 */
final class Ec2Arguments {

  @Option(names = "--ec2-cluster", paramLabel = "NAME", description = "EC2: the cluster's name,"
      + " tagged impetus:cluster on every instance (required with --provider ec2)")
  private @Nullable String cluster;

  @Option(names = "--ec2-region", paramLabel = "REGION",
      description = "EC2: the region (default: the SDK's chain)")
  private @Nullable String region;

  @Option(names = "--ec2-endpoint", paramLabel = "URL",
      description = "EC2: another endpoint (LocalStack, a test stub)")
  private @Nullable URI endpoint;

  @Option(names = "--ec2-ami", paramLabel = "AMI", description = "EC2: the image, ami-... or"
      + " resolve:ssm:...")
  private @Nullable String imageId;

  @Option(names = "--ec2-launch-template", paramLabel = "ID|NAME",
      description = "EC2: a launch template instead of (or beside) the options here")
  private @Nullable String launchTemplate;

  @Option(names = "--ec2-launch-template-version", paramLabel = "VERSION",
      description = "EC2: the template's version (default: $Default)")
  private @Nullable String launchTemplateVersion;

  @Option(names = "--ec2-instance-type", paramLabel = "TYPE", description = "EC2: e.g. c7g.large")
  private @Nullable String instanceType;

  @Option(names = "--ec2-subnet", paramLabel = "SUBNET", description = "EC2: the subnet id")
  private @Nullable String subnetId;

  @Option(names = "--ec2-security-group", paramLabel = "GROUP",
      description = "EC2: a security group id (repeatable)")
  private List<String> securityGroups = new ArrayList<>();

  @Option(names = "--ec2-key-name", paramLabel = "KEY", description = "EC2: an SSH key pair")
  private @Nullable String keyName;

  @Option(names = "--ec2-instance-profile", paramLabel = "NAME|ARN",
      description = "EC2: the nodes' IAM instance profile")
  private @Nullable String instanceProfile;

  @Option(names = "--ec2-market", paramLabel = "on-demand|spot",
      description = "EC2: the market (default: on-demand)")
  private String market = "on-demand";

  @Option(names = "--ec2-spot-max-price", paramLabel = "USD",
      description = "EC2: the most to pay an hour for a spot instance")
  private @Nullable String spotMaxPrice;

  @Option(names = "--ec2-tag", paramLabel = "K=V", description = "EC2: another tag (repeatable)")
  private Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--ec2-queue-host", paramLabel = "HOST", description = "EC2: the queue's"
      + " address as the nodes reach it (default: -q)")
  private @Nullable String queueHost;

  @Option(names = "--ec2-authkey-source", paramLabel = "SOURCE", description = "EC2: where the"
      + " nodes read the key: ssm:NAME, secretsmanager:NAME or file:/PATH (required)")
  private @Nullable String authkeySource;

  @Option(names = "--ec2-node-url", paramLabel = "URL", description = "EC2: where the nodes"
      + " fetch the Impetus distribution (https:, s3:) (required)")
  private @Nullable URI nodeUrl;

  @Option(names = "--ec2-node-sha256", paramLabel = "HEX",
      description = "EC2: the distribution's SHA-256, checked before it is installed")
  private @Nullable String nodeSha256;

  @Option(names = "--ec2-java-package", paramLabel = "PACKAGE",
      description = "EC2: the JDK package the nodes install (default: by distribution)")
  private @Nullable String javaPackage;

  @Option(names = "--ec2-bootstrap", paramLabel = "DIR", description = "EC2: a directory with"
      + " a changed user-data.sh.template and impetus-node.service (default: the bundled ones)")
  private @Nullable Path bootstrapDirectory;

  /**
   * The EC2 provisioner these options describe.
   *
   * @param defaultQueueHost the DFS's {@code -q}, for when {@code --ec2-queue-host} is not given
   * @throws IllegalArgumentException naming the option when one is missing or malformed
   */
  Provisioner provisioner(String defaultQueueHost, int queuePort, int mpps) {
    Ec2Options.Builder options = Ec2Options.builder(required("--ec2-cluster", cluster))
        .region(region).endpoint(endpoint).imageId(imageId).instanceType(instanceType)
        .subnetId(subnetId).securityGroupIds(securityGroups.toArray(String[]::new))
        .keyName(keyName).instanceProfile(instanceProfile)
        .market(Ec2Options.Market.parse(market));
    if (launchTemplate != null) {
      options.launchTemplate(Ec2Options.LaunchTemplate.of(launchTemplate, launchTemplateVersion));
    }
    if (spotMaxPrice != null) {
      options.spot(spotMaxPrice);
    }
    tags.forEach(options::tag);
    NodeBootstrap bootstrap = NodeBootstrap.builder(
            queueHost != null ? queueHost : defaultQueueHost, queuePort,
            AuthkeySource.parse(required("--ec2-authkey-source", authkeySource)),
            required("--ec2-node-url", nodeUrl))
        .mpps(mpps).nodeSha256(nodeSha256).javaPackage(javaPackage).build();
    UserDataRenderer renderer = bootstrapDirectory == null ? UserDataRenderer.bundled()
        : UserDataRenderer.fromDirectory(bootstrapDirectory);
    return Ec2Provisioner.create(options.build(), renderer.render(bootstrap));
  }

  private static <T> T required(String option, @Nullable T value) {
    if (value == null) {
      throw new IllegalArgumentException("--provider ec2 needs " + option);
    }
    return value;
  }
}
