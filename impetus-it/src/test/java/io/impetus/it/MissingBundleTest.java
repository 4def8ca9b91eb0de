package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.AckResults;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that names a code bundle the queue does not hold fails clearly; nothing else does. */
class MissingBundleTest {

  private static final String STREAM = "no-such-code";
  private static final String MISSING = "0123456789abcdef".repeat(4);
  private static final int JOBS = 3;

  @TempDir Path tasks;

  /**
   * A client peer speaks the protocol itself, so it can fork jobs naming a bundle it never
   * uploaded; a real client always uploads its bundle first.
   */
  @Test
  void jobsNamingAMissingBundleFailWithAClearErrorAndTheNodeServesTheNextStream() {
    try (LocalCluster cluster = LocalCluster.start(1, OneJobClient.class)) {
      List<JobResult> results = new CopyOnWriteArrayList<>();
      try (PeerConnection client = PeerConnection.open(HostAndPort.parse(cluster.address()),
          Authkey.of(cluster.authkey()), PeerRole.CLIENT, "raw-client", push -> {
            if (push instanceof JobResults delivered) {
              results.addAll(delivered.results());
            }
          })) {
        client.call(rid -> new OpenStream(rid, STREAM, Map.of()), StreamOpened.class).join();
        List<JobSpec> jobs = IntStream.range(0, JOBS).mapToObj(i -> new JobSpec("job-" + i,
            "one", OneJobClient.class.getName(), MISSING, new byte[0], 0, 0, "stage1",
            System.currentTimeMillis(), Map.of())).toList();
        client.call(rid -> new SubmitJobs(rid, STREAM, jobs), Ack.class).join();

        await().atMost(Duration.ofMinutes(1)).until(() -> results.size() >= JOBS);

        assertThat(results).extracting(result -> result.spec().id())
            .containsExactlyInAnyOrder("job-0", "job-1", "job-2");
        assertThat(results).allSatisfy(result -> {
          assertThat(result.outcome().succeeded()).isFalse();
          assertThat(result.outcome().error()).isNotNull();
          assertThat(result.outcome().error().error()).startsWith(
              "code bundle " + MISSING + " is not in the queue: the queue holds no code bundle "
                  + MISSING);
          assertThat(result.outcome().node()).isEqualTo("local");
        });
        client.call(rid -> new AckResults(rid, STREAM,
            results.stream().map(result -> result.spec().id()).toList()), Ack.class).join();
      }

      new OneJobClient(cluster.address(), cluster.authkey(), tasks, "after").run();

      List<JsonNode> ok = TaskLogs.read(tasks, "after", "stage1.ok");
      assertThat(ok).hasSize(1);
      assertThat(ok.get(0).get("result").asInt()).isEqualTo(1);
      assertThat(ok.get(0).get("node").asText()).isEqualTo("local");
      assertThat(TaskLogs.read(tasks, "after", "stage1.err")).isEmpty();
    }
  }
}
