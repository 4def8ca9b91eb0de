package io.impetus.dfs.provision.ec2;

import io.impetus.dfs.provision.ProvisionerContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The {@link io.impetus.dfs.provision.Provisioner} contract, kept by the EC2 provider against a
 * fake of the EC2 API that keeps state ({@link Ec2Fake}).
 */
class Ec2ProvisionerContractTest extends ProvisionerContract {

  /** One fake for the class: each test ends by terminating what it launched. */
  private static final Ec2Fake ec2 = new Ec2Fake("contract");

  @AfterAll
  static void stopFake() {
    ec2.close();
  }

  @Override
  protected Ec2Provisioner newProvisioner() {
    Ec2Options options = Ec2Options.builder("contract").region("us-east-1")
        .endpoint(ec2.endpoint()).imageId("ami-0abcdef1234567890").instanceType("t3.micro")
        .build();
    String userData = UserDataRenderer.bundled().render(NodeBootstrap.builder("10.0.0.5", 50000,
        AuthkeySource.parse("ssm:/impetus/authkey"),
        URI.create("https://downloads.example.com/impetus-0.1.0.tar.gz")).build());
    return new Ec2Provisioner(options, userData, Ec2Provisioner.client(options,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
        Retry.standard(), () -> "token-" + System.nanoTime());
  }
}
