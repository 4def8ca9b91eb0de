package io.impetus.queue;

import static io.impetus.testing.Jobs.aJob;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.OpenStream;
import io.impetus.core.protocol.PeerRole;
import io.impetus.core.protocol.Push;
import io.impetus.core.protocol.StreamOpened;
import io.impetus.core.protocol.SubmitJobs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client, worker, node or control tool speaking the protocol by hand, for the queue's own
 * tests.
 */
final class Peer implements AutoCloseable {

  static final Authkey KEY = Authkey.of("test-key");

  final PeerConnection connection;
  final List<JobResult> results = new CopyOnWriteArrayList<>();
  final List<Push> pushes = new CopyOnWriteArrayList<>();
  private final String id;

  private Peer(HostAndPort queue, PeerRole role, String id) {
    this.id = id;
    connection = PeerConnection.open(queue, KEY, role, id, push -> {
      pushes.add(push);
      if (push instanceof JobResults pushed) {
        results.addAll(pushed.results());
      }
    });
  }

  static Peer client(QueueServer queue, String id) {
    return new Peer(queue.address(), PeerRole.CLIENT, id);
  }

  static Peer worker(QueueServer queue, String id) {
    return new Peer(queue.address(), PeerRole.WORKER, id);
  }

  static Peer node(QueueServer queue, String id) {
    return new Peer(queue.address(), PeerRole.NODE, id);
  }

  static Peer control(QueueServer queue, String id) {
    return new Peer(queue.address(), PeerRole.CONTROL, id);
  }

  static JobSpec job(String id, long delayMillis) {
    return aJob(id).args(new byte[] {3}).delay(delayMillis).build();
  }

  StreamOpened open(String stream, Map<String, String> properties) {
    return connection.call(rid -> new OpenStream(rid, stream, properties), StreamOpened.class)
        .join();
  }

  void submit(String stream, JobSpec... jobs) {
    connection.call(rid -> new SubmitJobs(rid, stream, List.of(jobs)), Ack.class).join();
  }

  List<LeasedJob> lease(String stream, int max) {
    return connection.call(rid -> new LeaseJobs(rid, stream, max, 0), LeasedJobs.class).join()
        .jobs();
  }

  void complete(String stream, LeasedJob job) {
    JobOutcome outcome = new JobOutcome(job.id(), job.epoch(), new byte[] {1}, null, 0, 0, "n",
        id);
    connection.call(rid -> new CompleteJobs(rid, stream, List.of(outcome)), Ack.class).join();
  }

  @Override
  public void close() {
    connection.close();
  }
}
