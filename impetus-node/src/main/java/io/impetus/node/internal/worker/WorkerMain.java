package io.impetus.node.internal.worker;

import io.impetus.client.internal.session.RemoteDataStore;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.net.PeerException;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.BundleBytes;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.GetBundle;
import io.impetus.core.protocol.LeaseJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.PeerRole;
import io.impetus.daemon.DaemonLogging;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The worker JVM's entry point, started by a node for one stream. Leases jobs (waiting up to the
 * stream's idle timeout), runs them one after the other, completes them in a batch, and exits
 * when no job came within the timeout or the stream is gone. The authkey comes from the
 * environment, never the command line.
 */
@Command(name = "impetus-worker", description = "Runs the jobs of one stream (started by a node).")
public final class WorkerMain implements Callable<Integer> {

  private static final int LEASE_BATCH = 8;

  @Option(names = "--queue", required = true, description = "the queue, host:port")
  private String queue = "";

  @Option(names = "--stream", required = true, description = "the stream to work for")
  private String stream = "";

  @Option(names = "--node", required = true, description = "the id of the node that started us")
  private String node = "";

  @Option(names = "--cache", required = true, description = "the node's code bundle cache")
  private Path cache = Path.of(".");

  @Option(names = "--idle-ms", required = true,
      description = "exit after this many milliseconds without a job")
  private long idleMillis;

  /** Runs a worker; exits 0 when it ends normally, 1 when it cannot work. */
  public static void main(String[] args) {
    DaemonLogging.install();
    System.exit(new CommandLine(new WorkerMain()).execute(args));
  }

  @Override
  public Integer call() {
    Logger log = LoggerFactory.getLogger(WorkerMain.class);
    String pid = Long.toString(ProcessHandle.current().pid());
    Authkey authkey = Authkey.resolve(null, null, System.getenv(Authkey.ENVIRONMENT_VARIABLE));
    try (PeerConnection connection = PeerConnection.open(HostAndPort.parse(queue), authkey,
        PeerRole.WORKER, node + "/" + pid, push -> { })) {
      BundleCache bundles = new BundleCache(cache,
          hash -> connection.call(rid -> new GetBundle(rid, hash), BundleBytes.class).join()
              .bytes(),
          WorkerMain.class.getClassLoader());
      JobRunner runner = new JobRunner(bundles, stream,
          codec -> new RemoteDataStore(connection, stream, codec), Clock.systemUTC(), node, pid);
      while (true) {
        List<LeasedJob> jobs = connection.call(
            rid -> new LeaseJobs(rid, stream, LEASE_BATCH, idleMillis), LeasedJobs.class)
            .join().jobs();
        if (jobs.isEmpty()) {
          log.info("worker {} idle for {} ms, exiting", pid, idleMillis);
          return 0;
        }
        List<JobOutcome> outcomes = new ArrayList<>(jobs.size());
        for (LeasedJob job : jobs) {
          log.info("processing job: {}, {}, {}, processing", pid, job.id(), job.name());
          JobOutcome outcome = runner.run(job);
          log.info("completed job: {}, {}, {}, {}", pid, job.id(), job.name(),
              outcome.succeeded() ? "ready" : "error");
          outcomes.add(outcome);
        }
        connection.call(rid -> new CompleteJobs(rid, stream, outcomes), Ack.class).join();
      }
    } catch (CompletionException e) {
      log.info("worker {} exits: {}", pid, e.getCause().getMessage());
      return 0;
    } catch (PeerException e) {
      log.error("worker {} cannot work for stream {}: {}", pid, stream, e.getMessage());
      return 1;
    }
  }
}
