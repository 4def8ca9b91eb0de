package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.DrainNode;
import io.impetus.core.protocol.ListNodes;
import io.impetus.core.protocol.NodeList;
import io.impetus.core.protocol.NodeStatus;
import io.impetus.core.protocol.PeerRole;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the DFS sees and does through the queue: a real node's registration and load in the
 * registry, and a drain request that the node follows to the end.
 */
class NodeRegistryTest {

  @TempDir Path tasks;

  /** Forks two jobs that hold at a gate. */
  static class Held extends Client {
    private final int gatePort;

    Held(LocalCluster cluster, Path taskdir, int gatePort) {
      super(cluster.address(), cluster.authkey(), taskdir, "held", Map.of());
      this.gatePort = gatePort;
    }

    @Node
    static int held(int gatePort) {
      Gate.pass(gatePort);
      return 1;
    }

    @Startup
    public void start() {
      fork("held", gatePort);
      fork("held", gatePort);
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void registryShowsTheNodesLoadAndADrainRequestRetiresIt() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(2, Held.class); Gate gate = new Gate();
        PeerConnection control = PeerConnection.open(HostAndPort.parse(cluster.address()),
            Authkey.of(cluster.authkey()), PeerRole.CONTROL, "dfs", push -> { })) {
      CompletableFuture<Void> run =
          CompletableFuture.runAsync(new Held(cluster, tasks, gate.port())::run);
      await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrivals() == 2);

      // The load arrives with the node's next heartbeat, a third of the lease timeout away.
      NodeStatus status = await().atMost(Duration.ofSeconds(60))
          .until(() -> nodes(control), nodes -> nodes.size() == 1
              && nodes.get(0).load().runningJobs() == 2).get(0);
      assertThat(status.nodeId()).isEqualTo("local");
      assertThat(status.capacity()).isEqualTo(8);
      assertThat(status.load().workers()).isEqualTo(Map.of("held", 2));
      assertThat(status.load().draining()).isFalse();

      control.call(rid -> new DrainNode(rid, "local", 60_000), Ack.class)
          .get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node().draining());
      gate.open();
      cluster.node().closeFuture().get(60, TimeUnit.SECONDS);
      run.get(60, TimeUnit.SECONDS);
      assertThat(nodes(control)).isEmpty();
      assertThat(TaskLogs.read(tasks, "held", "stage1.ok")).hasSize(2)
          .allSatisfy(job -> assertThat(job.get("node").asText()).isEqualTo("local"));
    }
  }

  private static List<NodeStatus> nodes(PeerConnection control) throws Exception {
    return control.call(ListNodes::new, NodeList.class).get(30, TimeUnit.SECONDS).nodes();
  }
}
