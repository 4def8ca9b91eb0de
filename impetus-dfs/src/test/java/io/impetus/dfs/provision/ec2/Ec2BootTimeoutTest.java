package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.core.job.JobSpec;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.dfs.Dfs;
import io.impetus.dfs.DfsConfig;
import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The DFS with the EC2 provisioner on the WireMock stub and a real queue: a backlog makes it
 * launch an instance; the instance's node never registers, so after the boot timeout the DFS
 * terminates it.
 */
class Ec2BootTimeoutTest {

  private static final Authkey KEY = Authkey.of("ec2-test");
  private static final String INSTANCE = "i-0bbb0000000000001";

  @Test
  void anInstanceWhoseNodeNeverRegistersIsTerminatedAfterTheBootTimeout() {
    try (Ec2Stub ec2 = new Ec2Stub();
        QueueServer queue = QueueServer.start(QueueConfig.builder()
            .bind(new HostAndPort("127.0.0.1", 0)).authkey(KEY).build());
        PeerConnection client = PeerConnection.open(queue.address(), KEY, PeerRole.CLIENT, "s",
            push -> { })) {
      client.call(rid -> new OpenStream(rid, "s", Map.of()), StreamOpened.class).join();
      client.call(rid -> new SubmitJobs(rid, "s", List.of(new JobSpec("j", "pow", "a.B", "ff",
          new byte[] {1}, 0, 0, "stage1", 0, Map.of()))), Ack.class).join();
      ec2.answer("RunInstances", 200, Ec2Xml.runInstances(
          List.of(Ec2Xml.Instance.pending(INSTANCE, Instant.now(), "prod"))));
      ec2.answer("DescribeInstances", 200, Ec2Xml.describeInstances(List.of(), null));
      ec2.answer("TerminateInstances", 200, Ec2Xml.terminateInstances(INSTANCE));
      Ec2Options options = Ec2Options.builder("prod").region("us-east-1")
          .endpoint(ec2.endpoint()).imageId("ami-0123456789abcdef0").instanceType("t3.micro")
          .build();
      Ec2Provisioner provisioner = new Ec2Provisioner(options,
          UserDataRenderer.bundled().render(NodeBootstrap.builder("10.0.0.5", 50000,
              AuthkeySource.parse("ssm:/impetus/authkey"),
              URI.create("https://downloads.example.com/impetus.tar.gz")).build()),
          Ec2Provisioner.client(options, StaticCredentialsProvider.create(
              AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
          Retry.standard(), () -> "token");
      DfsConfig config = new DfsConfig(queue.address(), KEY, Duration.ofMillis(50),
          Duration.ofSeconds(1), Duration.ofHours(1), 2, null);
      DefaultPolicy policy = new DefaultPolicy(DefaultPolicyConfig.builder().maxNodes(1)
          .slotsPerNode(2).scaleUpCooldown(Duration.ZERO).build());

      try (provisioner; Dfs dfs = Dfs.start(config, provisioner, policy)) {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> !ec2.requests("TerminateInstances").isEmpty());
      }

      assertThat(ec2.requests("RunInstances").get(0)).containsEntry("MaxCount", "1");
      assertThat(ec2.requests("TerminateInstances").get(0))
          .containsEntry("InstanceId.1", INSTANCE);
    }
  }
}
