package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.job.JobSpec;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.PutBundle;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client started again with the same id gets the results its stream still holds. */
class ReattachTest {

  private static final int JOBS = 20;

  @TempDir Path tasks;

  /** Forks nothing itself: its jobs come from an earlier run that went away. */
  static class Resumer extends Client {
    final List<Job> received = new CopyOnWriteArrayList<>();

    Resumer(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "resumer");
    }

    @Node
    static int triple(int i) {
      return 3 * i;
    }

    @Startup
    public void start() {}

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      received.addAll(ready);
    }
  }

  /** Plays the earlier run: opens the stream, submits the jobs, disconnects. */
  private static void earlierRunSubmitsAndLeaves(LocalCluster cluster) throws Exception {
    CodeBundle bundle = CodeBundle.pack(List.of(Path.of(
        Resumer.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
    PayloadCodec codec = new PayloadCodec(Resumer.class.getClassLoader());
    List<JobSpec> jobs = IntStream.range(0, JOBS).mapToObj(i -> new JobSpec("job-" + i,
        "triple", Resumer.class.getName(), bundle.hash(), codec.encode(i), 0, 0, "stage1",
        System.currentTimeMillis(), Map.of())).toList();
    try (PeerConnection earlier = PeerConnection.open(HostAndPort.parse(cluster.address()),
        Authkey.of(cluster.authkey()), PeerRole.CLIENT, "resumer", push -> { })) {
      earlier.call(rid -> new PutBundle(rid, bundle.hash(), bundle.bytes()), Ack.class).join();
      earlier.call(rid -> new OpenStream(rid, "resumer", Map.of()), StreamOpened.class).join();
      earlier.call(rid -> new SubmitJobs(rid, "resumer", jobs), Ack.class).join();
    }
  }

  private void assertEveryJobReceivedOnce(Resumer client) {
    assertThat(client.received).extracting(Job::id).doesNotHaveDuplicates().hasSize(JOBS);
    assertThat(client.received).allSatisfy(job ->
        assertThat(job.result(Integer.class)).isEqualTo(3 * (Integer) job.args()));
    List<JsonNode> logged = TaskLogs.read(tasks, "resumer", "stage1.ok");
    assertThat(logged).extracting(record -> record.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, JOBS).mapToObj(i -> "job-" + i).toList());
  }

  @Test
  void resultsThatFinishedWhileTheClientWasAwayAreDeliveredOnReattach() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(2, Resumer.class)) {
      earlierRunSubmitsAndLeaves(cluster);
      await().atMost(Duration.ofSeconds(60)).until(() -> cluster.queue().backlog("resumer")
          .map(b -> b.waiting() + b.running()).orElse(-1) == 0);

      Resumer client = new Resumer(cluster, tasks);
      client.run();

      assertEveryJobReceivedOnce(client);
      assertThat(cluster.queue().streamIds()).doesNotContain("resumer");
    }
  }

  @Test
  void reattachedRunWaitsForTheJobsStillWaiting() throws Exception {
    try (LocalCluster cluster = LocalCluster.startQueueOnly(2, Resumer.class)) {
      earlierRunSubmitsAndLeaves(cluster);
      Resumer client = new Resumer(cluster, tasks);
      CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.queue().backlog("resumer")
          .map(StreamBacklog::waiting).orElse(0) == JOBS);
      assertThat(run).isNotDone();

      cluster.startNode();
      run.join();

      assertEveryJobReceivedOnce(client);
    }
  }
}
