package io.impetus.bench;

import io.impetus.core.job.JobSpec;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import io.impetus.queue.QueueConfig;
import io.impetus.queue.QueueServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Measures how much heap a queue spends per waiting job: a queue in this JVM, a client on
 * loopback submitting jobs shaped as the client library makes them for w1 (a 36-character id, a
 * method, class, code hash and callback that every job repeats, an {@code int} argument), the
 * heap used after garbage collection before and after.
 */
final class QueueMemory {

  private static final Authkey KEY = Authkey.of("bench-memory");
  private static final int BATCH = 1000;

  private QueueMemory() {}

  /**
   * Submits {@code jobs} jobs to a stream no worker serves.
   *
   * @return heap bytes per waiting job
   */
  static long bytesPerWaitingJob(int jobs) {
    QueueConfig config = QueueConfig.builder().bind(new HostAndPort("127.0.0.1", 0))
        .authkey(KEY).build();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    PayloadCodec codec = new PayloadCodec(QueueMemory.class.getClassLoader());
    try (QueueServer queue = QueueServer.start(config);
        PeerConnection client = PeerConnection.open(queue.address(), KEY, PeerRole.CLIENT,
            "memory", push -> { })) {
      client.call(rid -> new OpenStream(rid, "memory", Map.of()), StreamOpened.class).join();
      long before = usedAfterGc(memory);
      for (int sent = 0; sent < jobs; sent += BATCH) {
        List<JobSpec> specs = new ArrayList<>(BATCH);
        long now = System.currentTimeMillis();
        for (int i = sent; i < Math.min(jobs, sent + BATCH); i++) {
          specs.add(new JobSpec(UUID.randomUUID().toString(), "square",
              TinyJobs.class.getName(), "9f".repeat(32), codec.encode(i), 0, 0, "collect", now,
              Map.of()));
        }
        client.call(rid -> new SubmitJobs(rid, "memory", specs), Ack.class).join();
      }
      long after = usedAfterGc(memory);
      int waiting = queue.backlog("memory").orElseThrow().waiting();
      return (after - before) / Math.max(1, waiting);
    }
  }

  /** Heap used after a few collections, so that garbage does not count. */
  static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
