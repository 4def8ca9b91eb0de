package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM drains the queue daemon: every acknowledged submit is in the journal when it has
 * stopped, and the leases it interrupted cost their jobs no attempt.
 */
class QueueDrainTest {

  private static final Authkey KEY = Authkey.of("drain-key");

  @TempDir Path dir;

  private RunningProcess queue(String port, String name) {
    return RunningProcess.start(dir, name, List.of(script("bin/impetus-queue"), "-p", port,
        "-a", "drain-key", "--data", dir.resolve("data").toString(), "foreground"))
        .awaitOutput("queue listening");
  }

  private static JobSpec job(String id) {
    return new JobSpec(id, "pow", "a.B", "ff", new byte[] {1}, 0, 0, "stage1", 0, Map.of());
  }

  @Test
  void sigtermKeepsEveryAcknowledgedSubmit() throws IOException {
    String port = freePort();
    HostAndPort address = new HostAndPort("127.0.0.1", Integer.parseInt(port));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> leased;
    RunningProcess first = queue(port, "queue1");
    try (PeerConnection client = PeerConnection.open(address, KEY, PeerRole.CLIENT, "s", p -> { });
        PeerConnection worker = PeerConnection.open(address, KEY, PeerRole.WORKER, "n/1",
            p -> { })) {
      client.call(rid -> new OpenStream(rid, "s", Map.of("maxattempts", "1")),
          StreamOpened.class).join();
      client.call(rid -> new SubmitJobs(rid, "s", List.of(job("first"))), Ack.class).join();
      leased = worker.call(rid -> new LeaseJobs(rid, "s", 1, 0), LeasedJobs.class).join()
          .jobs().stream().map(LeasedJob::id).collect(Collectors.toSet());
      List<CompletableFuture<Ack>> submits = new ArrayList<>();
      for (int batch = 0; batch < 50; batch++) {
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          jobs.add(job("j" + batch + "-" + i));
        }
        submits.add(client.call(rid -> new SubmitJobs(rid, "s", jobs), Ack.class)
            .whenComplete((ack, error) -> {
              if (error == null) {
                jobs.forEach(spec -> acknowledged.add(spec.id()));
              }
            }));
      }
      submits.get(0).join();
      first.close();
      assertThat(first.stdout()).contains("queue stopped");
    }
    assertThat(leased).containsExactly("first");

    try (RunningProcess second = queue(port, "queue2");
        PeerConnection client = PeerConnection.open(address, KEY, PeerRole.CLIENT, "s", p -> { });
        PeerConnection worker = PeerConnection.open(address, KEY, PeerRole.WORKER, "n/2",
            p -> { })) {
      StreamOpened opened = client.call(rid -> new OpenStream(rid, "s", Map.of()),
          StreamOpened.class).join();
      List<LeasedJob> all = new ArrayList<>();
      List<LeasedJob> lease;
      do {
        lease = worker.call(rid -> new LeaseJobs(rid, "s", 10_000, 0), LeasedJobs.class).join()
            .jobs();
        all.addAll(lease);
      } while (!lease.isEmpty());

      assertThat(opened.existed()).isTrue();
      assertThat(all).extracting(LeasedJob::id).containsAll(acknowledged).contains("first")
          .doesNotHaveDuplicates();
      assertThat(all).allSatisfy(job -> assertThat(job.attempt()).isEqualTo(1));
      assertThat(second.stderr()).doesNotContain("discarding");
    }
  }

  private static String freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Integer.toString(socket.getLocalPort());
    }
  }
}
