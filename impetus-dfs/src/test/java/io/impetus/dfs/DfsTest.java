package io.impetus.dfs;

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
import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.dfs.provision.Machine;
import io.impetus.dfs.provision.Provisioner;
import io.impetus.dfs.provision.ProvisioningException;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DFS loop against a real queue and a provisioner whose machines never boot. */
class DfsTest {

  private static final Authkey KEY = Authkey.of("dfs-test");

  private QueueServer queue;
  private PeerConnection client;

  /** Records what the DFS asks; its machines never start a node. */
  static final class RecordingProvisioner implements Provisioner {
    final List<Machine> existing = new CopyOnWriteArrayList<>();
    final List<Machine> terminated = new CopyOnWriteArrayList<>();
    final AtomicInteger refusals = new AtomicInteger();
    final AtomicInteger launches = new AtomicInteger();

    @Override
    public List<Machine> launch(int count) {
      launches.incrementAndGet();
      if (refusals.getAndDecrement() > 0) {
        throw new ProvisioningException("InsufficientInstanceCapacity: none left");
      }
      List<Machine> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Machine machine = new Machine("m-" + existing.size(), "n-" + existing.size(),
            Instant.now(), "fake");
        existing.add(machine);
        started.add(machine);
      }
      return started;
    }

    @Override
    public List<Machine> list() {
      List<Machine> alive = new ArrayList<>(existing);
      alive.removeAll(terminated);
      return alive;
    }

    @Override
    public void terminate(Machine machine) {
      terminated.add(machine);
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void start() {
    queue = QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(KEY).build());
    client = PeerConnection.open(queue.address(), KEY, PeerRole.CLIENT, "s", push -> { });
    client.call(rid -> new OpenStream(rid, "s", Map.of()), StreamOpened.class).join();
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(new JobSpec("j" + i, "pow", "a.B", "ff", new byte[] {1}, 0, 0, "stage1", 0,
          Map.of()));
    }
    client.call(rid -> new SubmitJobs(rid, "s", jobs), Ack.class).join();
  }

  @AfterEach
  void stop() {
    client.close();
    queue.close();
  }

  private DfsConfig config(Duration bootTimeout) {
    return new DfsConfig(queue.address(), KEY, Duration.ofMillis(50), bootTimeout,
        Duration.ofHours(1), 2, null);
  }

  private static DefaultPolicy policy() {
    return new DefaultPolicy(DefaultPolicyConfig.builder().maxNodes(1).slotsPerNode(2)
        .scaleUpCooldown(Duration.ZERO).build());
  }

  @Test
  void aMachineWhoseNodeNeverRegistersIsTerminatedAfterTheBootTimeout() {
    RecordingProvisioner provisioner = new RecordingProvisioner();
    try (Dfs dfs = Dfs.start(config(Duration.ofMillis(500)), provisioner, policy())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> !provisioner.terminated.isEmpty());

      assertThat(provisioner.terminated.get(0)).isEqualTo(provisioner.existing.get(0));
      assertThat(dfs.machines()).doesNotContain(provisioner.existing.get(0));
    }
  }

  @Test
  void machinesOfAnEarlierDfsAreAdoptedAndCountTowardsTheLimit() {
    RecordingProvisioner provisioner = new RecordingProvisioner();
    Machine earlier = new Machine("m-old", "n-old", Instant.now(), "fake");
    provisioner.existing.add(earlier);
    try (Dfs dfs = Dfs.start(config(Duration.ofMinutes(10)), provisioner, policy())) {
      assertThat(dfs.machines()).containsExactly(earlier);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
          .until(() -> provisioner.launches.get() == 0 && dfs.machines().size() == 1);
    }
  }

  @Test
  void aRefusedLaunchIsRetriedWithBackOff() {
    RecordingProvisioner provisioner = new RecordingProvisioner();
    provisioner.refusals.set(1);
    try (Dfs dfs = Dfs.start(config(Duration.ofMinutes(10)), provisioner, policy())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> dfs.machines().size() == 1);

      assertThat(provisioner.launches).hasValue(2);
    }
  }
}
