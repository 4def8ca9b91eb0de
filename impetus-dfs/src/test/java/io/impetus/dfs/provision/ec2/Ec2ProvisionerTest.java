package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.impetus.dfs.provision.Machine;
import io.impetus.testing.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The EC2 provisioner against a WireMock stub of the EC2 Query API: the exact requests it sends,
 * adoption by a restarted provisioner, and how it meets EC2's errors. Nothing sleeps: the backoff's
 * sleeper records its delays and moves a fake clock.
 */
class Ec2ProvisionerTest {

  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
  private static final String AMI = "ami-0abcdef1234567890";
  private static final String SUBNET = "subnet-0a1b2c3d4e5f60718";
  private static final String SG1 = "sg-0123456789abcdef0";
  private static final String SG2 = "sg-0fedcba9876543210";

  private final Ec2Stub ec2 = new Ec2Stub();
  private final ManualClock clock = new ManualClock(T0);
  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private final List<Ec2Provisioner> provisioners = new ArrayList<>();
  private Duration attemptTime = Duration.ZERO;

  @AfterEach
  void stop() {
    provisioners.forEach(Ec2Provisioner::close);
    ec2.close();
  }

  private Ec2Options.Builder options() {
    return Ec2Options.builder("prod").region("us-east-1").endpoint(ec2.endpoint());
  }

  private Ec2Options fullOptions() {
    return options().imageId(AMI).instanceType("t3.micro").subnetId(SUBNET)
        .securityGroupIds(SG1, SG2).keyName("ops").instanceProfile("impetus-node")
        .tag("team", "research").build();
  }

  private static NodeBootstrap bootstrap() {
    return NodeBootstrap.builder("10.0.0.5", 50000, AuthkeySource.parse("ssm:/impetus/authkey"),
        URI.create("https://downloads.example.com/impetus-0.1.0.tar.gz")).mpps(4).build();
  }

  /** A provisioner on the stub whose backoff sleeps on the fake clock, with jitter 1. */
  private Ec2Provisioner provisioner(Ec2Options options) {
    return provisioner(options, UserDataRenderer.bundled().render(bootstrap()));
  }

  private Ec2Provisioner provisioner(Ec2Options options, String userData) {
    Retry retry = new Retry(Retry.MAX_ATTEMPTS, Retry.BASE_DELAY, Retry.MAX_DELAY, Retry.BUDGET,
        delay -> {
          sleeps.add(delay);
          clock.advance(delay.plus(attemptTime));
        }, clock, () -> 1.0);
    Ec2Provisioner provisioner = new Ec2Provisioner(options, userData,
        Ec2Provisioner.client(options, StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))),
        retry, () -> "token-" + tokens.incrementAndGet());
    provisioners.add(provisioner);
    return provisioner;
  }

  private static Map<String, String> tags(int spec, String type, String cluster, String... extra) {
    Map<String, String> expected = new LinkedHashMap<>();
    String prefix = "TagSpecification." + spec + ".";
    expected.put(prefix + "ResourceType", type);
    List<String> pairs = new ArrayList<>(List.of("impetus:cluster", cluster, "impetus:role", "node",
        "Name", "impetus-" + cluster + "-node"));
    pairs.addAll(List.of(extra));
    for (int i = 0; i < pairs.size() / 2; i++) {
      expected.put(prefix + "Tag." + (i + 1) + ".Key", pairs.get(2 * i));
      expected.put(prefix + "Tag." + (i + 1) + ".Value", pairs.get(2 * i + 1));
    }
    return expected;
  }

  private void answerRun(Ec2Xml.Instance... instances) {
    ec2.answer("RunInstances", 200, Ec2Xml.runInstances(List.of(instances)));
  }

  @Test
  void launchSendsOneRunInstancesWithEveryOptionAndTheRenderedUserData() {
    answerRun(Ec2Xml.Instance.pending("i-0aaa0000000000001", T0, "prod"));
    Ec2Provisioner provisioner = provisioner(fullOptions());

    provisioner.launch(3);

    List<Map<String, String>> requests = ec2.requests("RunInstances");
    assertThat(requests).hasSize(1);
    Map<String, String> request = requests.get(0);
    String script = UserDataRenderer.bundled().render(bootstrap());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("Action", "RunInstances");
    expected.put("Version", "2016-11-15");
    expected.put("ClientToken", "token-1");
    expected.put("MinCount", "1");
    expected.put("MaxCount", "3");
    expected.put("ImageId", AMI);
    expected.put("InstanceType", "t3.micro");
    expected.put("SubnetId", SUBNET);
    expected.put("SecurityGroupId.1", SG1);
    expected.put("SecurityGroupId.2", SG2);
    expected.put("KeyName", "ops");
    expected.put("IamInstanceProfile.Name", "impetus-node");
    expected.put("InstanceInitiatedShutdownBehavior", "terminate");
    expected.put("MetadataOptions.HttpTokens", "required");
    expected.put("MetadataOptions.HttpEndpoint", "enabled");
    expected.put("UserData",
        Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
    expected.putAll(tags(1, "instance", "prod", "team", "research"));
    expected.putAll(tags(2, "volume", "prod", "team", "research"));
    assertThat(request).isEqualTo(expected);

    String userData = new String(Base64.getDecoder().decode(request.get("UserData")),
        StandardCharsets.UTF_8);
    assertThat(userData).startsWith("#!/bin/bash\n")
        .contains("QUEUE_HOST='10.0.0.5'\n", "QUEUE_PORT='50000'\n", "MPPS='4'\n",
            "AUTHKEY_SOURCE='ssm:/impetus/authkey'\n",
            "NODE_URL='https://downloads.example.com/impetus-0.1.0.tar.gz'\n",
            "ExecStart=/opt/impetus/bin/impetus-node --id ${IMPETUS_NODE_ID}")
        .doesNotContain("{{");
  }

  @Test
  void launchWithLaunchTemplateAndSpotSendsTheTemplateAndMarketOptions() {
    answerRun(new Ec2Xml.Instance("i-0bbb0000000000001", "c7g.large", "eu-west-1b", T0,
        "pending", "spot", "batch"));
    Ec2Options options = Ec2Options.builder("batch").region("eu-west-1").endpoint(ec2.endpoint())
        .launchTemplate(Ec2Options.LaunchTemplate.of("impetus-nodes", "$Latest"))
        .instanceProfile("arn:aws:iam::123456789012:instance-profile/impetus-node")
        .spot("0.05").build();

    List<Machine> machines = provisioner(options).launch(1);

    Map<String, String> request = new LinkedHashMap<>(ec2.requests("RunInstances").get(0));
    assertThat(request).doesNotContainKeys("ImageId", "InstanceType", "SubnetId", "KeyName",
        "SecurityGroupId.1", "IamInstanceProfile.Name");
    assertThat(request).containsAllEntriesOf(Map.of(
        "LaunchTemplate.LaunchTemplateName", "impetus-nodes",
        "LaunchTemplate.Version", "$Latest",
        "IamInstanceProfile.Arn", "arn:aws:iam::123456789012:instance-profile/impetus-node",
        "InstanceMarketOptions.MarketType", "spot",
        "InstanceMarketOptions.SpotOptions.SpotInstanceType", "one-time",
        "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", "terminate",
        "InstanceMarketOptions.SpotOptions.MaxPrice", "0.05",
        "MaxCount", "1",
        "MinCount", "1"));
    assertThat(request).containsAllEntriesOf(tags(1, "instance", "batch"));
    assertThat(request.keySet().stream().filter(key -> key.startsWith("LaunchTemplate.")))
        .containsExactlyInAnyOrder("LaunchTemplate.LaunchTemplateName", "LaunchTemplate.Version");
    assertThat(machines).extracting(Machine::description)
        .containsExactly("c7g.large eu-west-1b spot");
  }

  @Test
  void launchTemplateById() {
    answerRun(Ec2Xml.Instance.pending("i-0ccc0000000000001", T0, "prod"));
    Ec2Options options = options()
        .launchTemplate(Ec2Options.LaunchTemplate.of("lt-0123456789abcdef0", null)).build();

    provisioner(options).launch(1);

    Map<String, String> request = ec2.requests("RunInstances").get(0);
    assertThat(request).containsEntry("LaunchTemplate.LaunchTemplateId", "lt-0123456789abcdef0")
        .containsEntry("LaunchTemplate.Version", "$Default")
        .doesNotContainKeys("LaunchTemplate.LaunchTemplateName", "ImageId", "InstanceType",
            "InstanceMarketOptions.MarketType");
  }

  @Test
  void launchReturnsTheGrantedInstancesWithTheirIdAsNodeId() {
    Instant launched = T0.plusSeconds(7);
    answerRun(Ec2Xml.Instance.pending("i-0aaa0000000000001", launched, "prod"),
        Ec2Xml.Instance.pending("i-0aaa0000000000002", launched, "prod"));

    List<Machine> machines = provisioner(fullOptions()).launch(5);

    assertThat(machines).containsExactly(
        new Machine("i-0aaa0000000000001", "i-0aaa0000000000001", launched,
            "t3.micro us-east-1a on-demand"),
        new Machine("i-0aaa0000000000002", "i-0aaa0000000000002", launched,
            "t3.micro us-east-1a on-demand"));
  }

  @Test
  void launchRefusesACountBelowOne() {
    assertThatThrownBy(() -> provisioner(fullOptions()).launch(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
    assertThat(ec2.requests("RunInstances")).isEmpty();
  }

  @Test
  void listAsksForTheClustersLiveNodesOnly() {
    ec2.answer("DescribeInstances", 200, Ec2Xml.describeInstances(List.of(), null));

    assertThat(provisioner(fullOptions()).list()).isEmpty();

    assertThat(ec2.requests("DescribeInstances")).containsExactly(Map.of(
        "Action", "DescribeInstances",
        "Version", "2016-11-15",
        "Filter.1.Name", "tag:impetus:cluster",
        "Filter.1.Value.1", "prod",
        "Filter.2.Name", "tag:impetus:role",
        "Filter.2.Value.1", "node",
        "Filter.3.Name", "instance-state-name",
        "Filter.3.Value.1", "pending",
        "Filter.3.Value.2", "running",
        "MaxResults", "1000"));
  }

  @Test
  void listFollowsEveryPage() {
    ec2.answerInTurn("DescribeInstances", List.of(
        Ec2Stub.xml(200, Ec2Xml.describeInstances(
            List.of(Ec2Xml.Instance.pending("i-0aaa0000000000001", T0, "prod")), "page-2")),
        Ec2Stub.xml(200, Ec2Xml.describeInstances(
            List.of(Ec2Xml.Instance.pending("i-0aaa0000000000002", T0, "prod")), null))));

    List<Machine> machines = provisioner(fullOptions()).list();

    assertThat(machines).extracting(Machine::id)
        .containsExactly("i-0aaa0000000000001", "i-0aaa0000000000002");
    List<Map<String, String>> requests = ec2.requests("DescribeInstances");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0)).doesNotContainKey("NextToken");
    assertThat(requests.get(1)).containsEntry("NextToken", "page-2");
  }

  @Test
  void aRestartedProvisionerAdoptsTheInstancesAnEarlierOneLaunched() {
    Ec2Xml.Instance first = Ec2Xml.Instance.pending("i-0aaa0000000000001", T0, "prod");
    Ec2Xml.Instance second = new Ec2Xml.Instance("i-0aaa0000000000002", "t3.micro",
        "us-east-1b", T0, "running", null, "prod");
    answerRun(first, new Ec2Xml.Instance(second.id(), "t3.micro", "us-east-1b", T0, "pending",
        null, "prod"));
    Ec2Provisioner before = provisioner(fullOptions());
    List<Machine> launched = before.launch(2);
    before.close();
    ec2.answer("DescribeInstances", 200,
        Ec2Xml.describeInstances(List.of(first, second), null));

    Ec2Provisioner after = provisioner(fullOptions());
    List<Machine> adopted = after.list();

    assertThat(adopted).isEqualTo(launched);
    assertThat(ec2.requests("DescribeInstances").get(0))
        .containsEntry("Filter.1.Value.1", "prod");
  }

  @Test
  void terminateSendsTheInstanceId() {
    ec2.answer("TerminateInstances", 200, Ec2Xml.terminateInstances("i-0aaa0000000000001"));

    provisioner(fullOptions()).terminate(
        new Machine("i-0aaa0000000000001", "i-0aaa0000000000001", T0, "t3.micro"));

    assertThat(ec2.requests("TerminateInstances")).containsExactly(Map.of(
        "Action", "TerminateInstances",
        "Version", "2016-11-15",
        "InstanceId.1", "i-0aaa0000000000001"));
  }

  @Test
  void terminatingAnInstanceThatIsGoneIsNotAnError() {
    ec2.answer("TerminateInstances", 400, Ec2Xml.error("InvalidInstanceID.NotFound",
        "The instance ID 'i-0aaa0000000000009' does not exist"));

    provisioner(fullOptions()).terminate(
        new Machine("i-0aaa0000000000009", "i-0aaa0000000000009", T0, "t3.micro"));

    assertThat(ec2.requests("TerminateInstances")).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void throttlingIsRetriedWithBackoffAndTheSameClientToken() {
    ec2.answerInTurn("RunInstances", List.of(
        Ec2Stub.error(503, "RequestLimitExceeded", "Request limit exceeded."),
        Ec2Stub.error(503, "RequestLimitExceeded", "Request limit exceeded."),
        Ec2Stub.xml(200, Ec2Xml.runInstances(
            List.of(Ec2Xml.Instance.pending("i-0aaa0000000000001", T0, "prod"))))));

    List<Machine> machines = provisioner(fullOptions()).launch(1);

    assertThat(machines).extracting(Machine::id).containsExactly("i-0aaa0000000000001");
    List<Map<String, String>> requests = ec2.requests("RunInstances");
    assertThat(requests).hasSize(3);
    assertThat(requests.get(1)).isEqualTo(requests.get(0));
    assertThat(requests.get(2)).isEqualTo(requests.get(0));
    assertThat(requests.get(0)).containsEntry("ClientToken", "token-1");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void throttledDescribeAndNoAnswerAtAllAreRetried() {
    ec2.answerInTurn("DescribeInstances", List.of(
        Ec2Stub.error(503, "Throttling", "Rate exceeded"),
        Ec2Stub.reset(),
        Ec2Stub.error(503, "Unavailable", "The service is unavailable. Try again shortly."),
        Ec2Stub.xml(200, Ec2Xml.describeInstances(List.of(), null))));

    assertThat(provisioner(fullOptions()).list()).isEmpty();

    assertThat(ec2.requests("DescribeInstances")).hasSize(4);
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void insufficientCapacityFailsClearlyAfterTheRetries() {
    ec2.answer("RunInstances", 500, Ec2Xml.error("InsufficientInstanceCapacity",
        "We currently do not have sufficient t3.micro capacity in the Availability Zone you"
            + " requested (us-east-1a)."));

    assertThatThrownBy(() -> provisioner(fullOptions()).launch(2))
        .isInstanceOfSatisfying(Ec2ProvisioningException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("InsufficientInstanceCapacity");
          assertThat(e.attempts()).isEqualTo(Retry.MAX_ATTEMPTS);
          assertThat(e.action()).isEqualTo("RunInstances");
          assertThat(e.isCapacityShortage()).isTrue();
        })
        .hasMessageStartingWith("RunInstances failed after 5 attempts: "
            + "InsufficientInstanceCapacity: We currently do not have sufficient t3.micro"
            + " capacity")
        .hasMessageContaining("request id ea966190-f9aa-478e-9ede-cb5432daacc0");
    assertThat(ec2.requests("RunInstances")).hasSize(Retry.MAX_ATTEMPTS)
        .extracting(request -> request.get("ClientToken")).containsOnly("token-1");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8));
  }

  @Test
  void retriesStopWhenTheTimeBudgetIsSpent() {
    attemptTime = Duration.ofSeconds(5);
    ec2.answer("RunInstances", 400, Ec2Xml.error("InstanceLimitExceeded",
        "You have requested more instances (21) than your current instance limit of 20 allows"));

    assertThatThrownBy(() -> provisioner(fullOptions()).launch(1))
        .isInstanceOfSatisfying(Ec2ProvisioningException.class,
            e -> assertThat(e.attempts()).isEqualTo(4))
        .hasMessageStartingWith("RunInstances failed after 4 attempts: InstanceLimitExceeded");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4));
  }

  @Test
  void aConfigurationErrorFailsAtOnce() {
    ec2.answer("RunInstances", 400, Ec2Xml.error("InvalidAMIID.NotFound",
        "The image id '[ami-0abcdef1234567890]' does not exist"));

    assertThatThrownBy(() -> provisioner(fullOptions()).launch(1))
        .isInstanceOfSatisfying(Ec2ProvisioningException.class, e -> {
          assertThat(e.attempts()).isEqualTo(1);
          assertThat(e.isCapacityShortage()).isFalse();
        })
        .hasMessageStartingWith("RunInstances failed: InvalidAMIID.NotFound: The image id");
    assertThat(ec2.requests("RunInstances")).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void anAuthorizationFailureOnTerminateIsAnError() {
    ec2.answer("TerminateInstances", 403, Ec2Xml.error("UnauthorizedOperation",
        "You are not authorized to perform this operation."));
    Machine machine = new Machine("i-0aaa0000000000001", "i-0aaa0000000000001", T0, "t3.micro");

    assertThatThrownBy(() -> provisioner(fullOptions()).terminate(machine))
        .isInstanceOf(Ec2ProvisioningException.class)
        .hasMessageStartingWith("TerminateInstances failed: UnauthorizedOperation");
  }

  @Test
  void userDataOverSixteenKilobytesIsRefusedUpFront() {
    String script = "#!/bin/bash\n" + "#".repeat(UserDataRenderer.MAX_USER_DATA_BYTES);

    assertThatThrownBy(() -> provisioner(fullOptions(), script))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16396 bytes, over EC2's limit of 16384 bytes");
  }

  @Test
  void aClosedProvisionerRefusesCalls() {
    Ec2Provisioner provisioner = provisioner(fullOptions());
    provisioner.close();
    provisioner.close();

    assertThatThrownBy(provisioner::list).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void credentialsComeFromTheSdksDefaultChain() {
    answerRun(Ec2Xml.Instance.pending("i-0aaa0000000000001", T0, "prod"));
    String[] keys = {"aws.accessKeyId", "aws.secretAccessKey"};
    Map<String, String> saved = new LinkedHashMap<>();
    for (String key : keys) {
      saved.put(key, System.getProperty(key));
    }
    System.setProperty("aws.accessKeyId", "AKIDFROMTHECHAIN");
    System.setProperty("aws.secretAccessKey", "secret-from-the-chain");
    try (Ec2Provisioner provisioner = Ec2Provisioner.create(fullOptions(), bootstrap())) {
      provisioner.launch(1);
    } finally {
      saved.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }

    assertThat(ec2.headers("Authorization")).singleElement().asString()
        .contains("Credential=AKIDFROMTHECHAIN/").doesNotContain("secret-from-the-chain");
  }

  @Test
  void neitherCredentialsNorUserDataReachTheLogsEvenAtDebugLevel() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    try {
      ec2.answerInTurn("RunInstances", List.of(
          Ec2Stub.error(503, "RequestLimitExceeded", "Request limit exceeded."),
          Ec2Stub.xml(200, Ec2Xml.runInstances(
              List.of(Ec2Xml.Instance.pending("i-0aaa0000000000001", T0, "prod"))))));
      Ec2Provisioner provisioner = provisioner(fullOptions());
      provisioner.launch(1);
      ec2.answer("DescribeInstances", 500, Ec2Xml.error("InternalError", "Internal error"));
      assertThatThrownBy(provisioner::list).isInstanceOf(Ec2ProvisioningException.class);
    } finally {
      root.detachAppender(appender);
      root.setLevel(level);
    }

    String script = UserDataRenderer.bundled().render(bootstrap());
    String userData = UserDataRenderer.base64(script);
    assertThat(appender.list).isNotEmpty().allSatisfy(event -> {
      String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
          : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(text).doesNotContain("wJalrXUtnFEMI", userData.substring(0, 40),
          "ssm:/impetus/authkey", "impetus-node --id");
    });
  }
}
