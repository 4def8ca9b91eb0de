package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.client.Client;
import io.impetus.client.ImpetusException;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.ReconnectPolicy;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.DataValue;
import io.impetus.core.protocol.GetData;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.PutData;
import io.impetus.core.protocol.StreamBacklog;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.local.LocalCluster;
import io.impetus.node.NodeConfig;
import io.impetus.node.NodeServer;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client and a node in this JVM whose queue stops and starts again on the same data directory
 * and port: calls made while it is away wait for it; a job that finishes meanwhile is delivered
 * by its worker once the queue is back; a queue that stays away ends the run with one clear
 * error. (QueueRestartTest does it with real processes and SIGKILL.)
 */
class ReconnectTest {

  private static final Authkey KEY = Authkey.of("reconnect-secret");
  private static final int JOBS = 200;

  @TempDir Path dir;

  private QueueServer queue(int port) {
    return QueueServer.start(QueueConfig.builder().bind(new HostAndPort("127.0.0.1", port))
        .authkey(KEY).data(dir.resolve("data")).build());
  }

  /** Its first batch of results waits for the test, then uses the store. */
  static class Outage extends Client {
    final CountDownLatch firstBatch = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    final CountDownLatch putStarted = new CountDownLatch(1);
    final List<Job> received = new CopyOnWriteArrayList<>();
    volatile @Nullable Object storedDuringOutage;

    Outage(String address, Path taskdir) {
      super(address, KEY.reveal(), taskdir, "outage");
    }

    @Node
    static int square(int i) {
      return i * i;
    }

    @Startup
    public void start() {
      for (int i = 0; i < JOBS; i++) {
        fork("square", i);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) throws InterruptedException {
      if (firstBatch.getCount() > 0) {
        firstBatch.countDown();
        resume.await();
        putStarted.countDown();
        store().put("during-outage", 42);
        storedDuringOutage = store().get("during-outage");
      }
      received.addAll(ready);
      received.addAll(errors);
    }
  }

  @Test
  void callsMadeWhileTheQueueIsAwayWaitForItAndEveryJobIsRecordedOnce() throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    QueueServer first = queue(0);
    int port = first.address().port();
    QueueServer second = null;
    NodeServer node = NodeServer.start(NodeConfig.builder(first.address())
        .authkey(KEY).nodeId("reconnecting").mpps(2)
        .workerClasspath(LocalCluster.workerClasspath(Outage.class))
        .workerLog(dir.resolve("workers.log")).build());
    try {
      Outage client = new Outage(first.address().toString(), tasks);
      CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
      assertThat(client.firstBatch.await(60, TimeUnit.SECONDS)).isTrue();

      first.close();
      client.resume.countDown();
      assertThat(client.putStarted.await(60, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> !node.connected());
      assertThat(run).isNotDone();
      second = queue(port);
      run.get(120, TimeUnit.SECONDS);

      assertThat(client.storedDuringOutage).isEqualTo(42);
      assertThat(client.received).extracting(Job::id).hasSize(JOBS).doesNotHaveDuplicates();
      assertThat(client.received).extracting(job -> job.result(Integer.class))
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, JOBS).map(i -> i * i).boxed().toList());
      assertThat(TaskLogs.read(tasks, "outage", "stage1.ok"))
          .extracting(record -> record.get("id").asText())
          .hasSize(JOBS).doesNotHaveDuplicates();
      assertThat(node.connected()).isTrue();
      assertThat(node.closeFuture()).isNotDone();
    } finally {
      node.close();
      if (second != null) {
        second.close();
      }
    }
  }

  /** Forks one job that holds at a gate and leaves a marker for each run. */
  static class LongJob extends Client {
    private final Path markers;
    private final int gatePort;

    LongJob(String address, Path taskdir, Path markers, int gatePort) {
      super(address, KEY.reveal(), taskdir, "long");
      this.markers = markers;
      this.gatePort = gatePort;
    }

    /** Leaves a marker, waits at the gate, answers its worker's pid. */
    @Node
    static long run(String gateAndMarkers) throws IOException {
      String[] parts = gateAndMarkers.split(" ", 2);
      Files.createTempFile(Path.of(parts[1]), "run", ".marker");
      Gate.pass(Integer.parseInt(parts[0]));
      return ProcessHandle.current().pid();
    }

    @Startup
    public void start() {
      fork("run", gatePort + " " + markers);
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void jobThatFinishesWhileTheQueueIsAwayIsDeliveredOnceItIsBack() throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    Path markers = Files.createDirectories(dir.resolve("markers"));
    QueueServer first = queue(0);
    int port = first.address().port();
    QueueServer second = null;
    NodeServer node = NodeServer.start(NodeConfig.builder(first.address())
        .authkey(KEY).nodeId("patient").mpps(1)
        .workerClasspath(LocalCluster.workerClasspath(LongJob.class))
        .workerLog(dir.resolve("workers.log")).build());
    try (Gate gate = new Gate()) {
      CompletableFuture<Void> run = CompletableFuture.runAsync(
          new LongJob(first.address().toString(), tasks, markers, gate.port())::run);
      await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrivals() == 1);

      first.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> !node.connected());
      gate.open();
      second = queue(port);
      run.get(120, TimeUnit.SECONDS);

      assertThat(TaskLogs.read(tasks, "long", "stage1.ok")).singleElement().satisfies(job -> {
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("worker").asText()).isEqualTo(job.get("result").asText());
      });
      try (Stream<Path> runs = Files.list(markers)) {
        assertThat(runs).hasSize(1);
      }
    } finally {
      node.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void callsMadeWhileTheQueueIsAwayGoOutInTheOrderTheyWereMade() throws Exception {
    QueueServer first = queue(0);
    int port = first.address().port();
    HostAndPort address = first.address();
    Map<String, String> none = Map.of();
    ReconnectPolicy policy = ReconnectPolicy.within(Duration.ofSeconds(60));
    ReconnectingConnection connection = ReconnectingConnection.open(
        () -> PeerConnection.open(address, KEY, PeerRole.CLIENT, "ordered", push -> { }),
        address, policy, policy,
        (link, isFirst) -> ReconnectingConnection.await(
            link.call(rid -> new OpenStream(rid, "ordered", none), StreamOpened.class)),
        reason -> { }, "ordered");
    QueueServer second = null;
    try (connection) {
      first.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> connection.current().isEmpty());
      List<CompletableFuture<Ack>> puts = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        byte[] value = {(byte) i};
        puts.add(connection.call(rid -> new PutData(rid, "ordered", "k", value), Ack.class));
      }
      second = queue(port);
      CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      DataValue last = connection.call(rid -> new GetData(rid, "ordered", "k"), DataValue.class)
          .get(60, TimeUnit.SECONDS);
      assertThat(last.value()).containsExactly(20);
    } finally {
      if (second != null) {
        second.close();
      }
    }
  }

  /** Forks one job that nobody runs: the run waits for it. */
  @Test
  void aQueueThatStaysAwayLongerThanTheReconnectWindowEndsTheRunWithOneClearError()
      throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    QueueServer queue = queue(0);
    String address = queue.address().toString();
    OneJobClient client = new OneJobClient(address, KEY.reveal(), tasks, "waiting");
    client.reconnectWindow(Duration.ofSeconds(1));
    CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
    await().atMost(Duration.ofSeconds(30)).until(() -> queue.backlog("waiting")
        .map(StreamBacklog::waiting).orElse(0) == 1);

    queue.close();

    assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).cause()
        .isInstanceOf(ImpetusException.class)
        .hasMessageStartingWith("lost the connection to the queue at " + address
            + " and could not reconnect within 1 s");
  }

  @Test
  void aQueueThatComesBackWithoutTheStreamEndsTheRunWithOneClearError() throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    QueueServer forgetful = QueueServer.start(QueueConfig.builder()
        .bind(new HostAndPort("127.0.0.1", 0)).authkey(KEY).build());
    HostAndPort address = forgetful.address();
    OneJobClient client =
        new OneJobClient(address.toString(), KEY.reveal(), tasks, "waiting");
    CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
    await().atMost(Duration.ofSeconds(30)).until(() -> forgetful.backlog("waiting")
        .map(StreamBacklog::waiting).orElse(0) == 1);

    forgetful.close();
    try (QueueServer empty = QueueServer.start(QueueConfig.builder().bind(address).authkey(KEY)
        .build())) {
      assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).cause()
          .isInstanceOf(ImpetusException.class)
          .hasMessage("lost the connection to the queue at " + address + "; on reconnecting:"
              + " the queue no longer holds stream waiting, so its jobs are lost (was it"
              + " restarted without its --data directory?)");
      assertThat(empty.streamIds()).isEmpty();
    }
  }

  @Test
  void reconnectWindowMustBePositive() throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("tasks"));
    OneJobClient client = new OneJobClient("127.0.0.1:1", KEY.reveal(), tasks, "waiting");

    assertThatThrownBy(() -> client.reconnectWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the reconnect window must be positive, not PT0S");
    assertThat(client.reconnectWindow()).isEqualTo(Client.DEFAULT_RECONNECT_WINDOW);
  }
}
