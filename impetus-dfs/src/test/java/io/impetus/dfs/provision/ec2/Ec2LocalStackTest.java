package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.dfs.provision.Machine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The EC2 scenario against LocalStack's EC2 emulation, through Testcontainers: launch two
 * instances, adopt them with a new provisioner, terminate them, and find the cluster empty.
 * Skipped (not failed) where no Docker engine runs. A LocalStack image that wants an auth token
 * takes it from {@code LOCALSTACK_AUTH_TOKEN} in the environment.
 */
@Testcontainers(disabledWithoutDocker = true)
class Ec2LocalStackTest {

  /** LocalStack's EC2 accepts any well-formed AMI id; this one is in its default catalogue. */
  private static final String AMI = "ami-df5de72bdb3b";

  @Container
  private static final LocalStackContainer LOCALSTACK = localStack();

  private static LocalStackContainer localStack() {
    LocalStackContainer container =
        new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.EC2);
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isEmpty()) {
      container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    return container;
  }

  private static Ec2Provisioner provisioner(Ec2Options options) {
    Retry retry = new Retry(Retry.MAX_ATTEMPTS, Duration.ofMillis(100), Duration.ofSeconds(1),
        Retry.BUDGET, duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC(),
        () -> 0.5);
    NodeBootstrap bootstrap = NodeBootstrap.builder("10.0.0.5", 50000,
        AuthkeySource.parse("ssm:/impetus/authkey"),
        URI.create("https://downloads.example.com/impetus-0.1.0.tar.gz")).build();
    return new Ec2Provisioner(options, UserDataRenderer.bundled().render(bootstrap),
        Ec2Provisioner.client(options, StaticCredentialsProvider.create(AwsBasicCredentials
            .create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()))),
        retry, () -> UUID.randomUUID().toString());
  }

  @Test
  void launchAdoptTerminateAndFindTheClusterEmpty() {
    Ec2Options options = Ec2Options.builder("localstack-" + UUID.randomUUID().toString()
            .substring(0, 8))
        .region(LOCALSTACK.getRegion())
        .endpoint(LOCALSTACK.getEndpoint())
        .imageId(AMI)
        .instanceType("t3.micro")
        .tag("test", "Ec2LocalStackTest")
        .build();

    List<Machine> launched;
    try (Ec2Provisioner first = provisioner(options)) {
      launched = first.launch(2);
    }
    assertThat(launched).hasSize(2)
        .allSatisfy(machine -> assertThat(machine.nodeId()).isEqualTo(machine.id()));

    try (Ec2Provisioner second = provisioner(options)) {
      List<Machine> adopted = second.list();
      assertThat(adopted).extracting(Machine::id)
          .containsExactlyInAnyOrderElementsOf(launched.stream().map(Machine::id).toList());

      adopted.forEach(second::terminate);
      second.terminate(adopted.get(0));

      assertThat(second.list()).isEmpty();
    }
  }
}
