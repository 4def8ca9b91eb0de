package io.impetus.bench;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.JobError;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.sim.trace.TraceJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A client that replays a trace on its stream: its start stage forks one job per trace job at the
 * job's arrival (counted from the start), that holds a worker for the job's duration; its process
 * stage keeps when each job last started and how many times. Run once; read {@link
 * #waitsMillis()}, {@link #interrupted()} and {@link #failure()} after {@link #run()}.
 */
final class TraceClient extends Client {

  private static final Duration GIVE_UP = Duration.ofSeconds(5);

  private final List<TraceJob> jobs;
  private final Map<String, TraceJob> forked = new ConcurrentHashMap<>();
  private final Map<String, Job> finished = new ConcurrentHashMap<>();
  private volatile long startMillis;
  private volatile @Nullable String failure;

  TraceClient(String address, String authkey, Path taskdir, Map<String, String> properties,
      List<TraceJob> jobs) {
    super(address, authkey, taskdir, "elastic-" + System.nanoTime(), properties);
    this.jobs = List.copyOf(jobs);
    // a replay measures a queue that is there: give up soon once it is gone
    connectWindow(GIVE_UP);
    reconnectWindow(GIVE_UP);
  }

  /** The job: holds its worker for {@code millis}, as a job of that length would. */
  @Node
  static long hold(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  /**
   * Forks every job of the trace at its arrival, as the trace's users would have: the queue's
   * counters, and so the DFS, see the trace's arrival rate.
   */
  @Startup
  public void replay() {
    startMillis = System.currentTimeMillis();
    try {
      for (TraceJob job : jobs) {
        long early = startMillis + job.arrivalMillis() - System.currentTimeMillis();
        if (early > 0) {
          Thread.sleep(early);
        }
        forked.put(fork("hold", job.durationMillis()), job);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted after forking " + forked.size() + " of " + jobs.size() + " jobs";
    }
  }

  /** Keeps each finished job; a failed one makes the replay fail. */
  @Process
  public void done(List<Job> ready, List<Job> errors) {
    ready.forEach(job -> finished.put(job.id(), job));
    if (!errors.isEmpty() && failure == null) {
      JobError error = errors.get(0).error();
      failure = errors.size() + " jobs failed, e.g. " + errors.get(0).id() + ": "
          + (error == null ? "no error recorded" : error.error());
    }
  }

  /** Why the replay is not valid: a job failed or did not finish; null when every job did. */
  @Nullable String failure() {
    if (failure == null && finished.size() != jobs.size()) {
      return finished.size() + " of " + jobs.size() + " jobs finished";
    }
    return failure;
  }

  /** Each job's wait, in ms: from its arrival to the start of its last attempt. */
  double[] waitsMillis() {
    List<Double> waits = new ArrayList<>();
    forked.forEach((id, job) -> {
      Job done = finished.get(id);
      if (done != null) {
        Instant arrival = Instant.ofEpochMilli(startMillis + job.arrivalMillis());
        waits.add((double) Math.max(0, Duration.between(arrival, done.started()).toMillis()));
      }
    });
    return waits.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** How many jobs were started more than once: interrupted by a drain, or by a lost worker. */
  long interrupted() {
    return finished.values().stream().filter(job -> job.attempts() > 1).count();
  }
}
