package io.impetus.bench;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.JobError;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A benchmark client: its startup stage runs a whole measurement (a warm-up run, then the
 * measured ones) on one stream, so that measured runs find warm workers; its process stage
 * counts results as they arrive and checks them. Subclasses declare the {@code @Node} method,
 * fork, and say what a correct result is. After {@link #run()}, {@link #failure()} tells whether
 * the measurement is valid.
 */
abstract class RoundClient extends Client {

  /**
   * How long the client tries to reach its queue, at first or once lost (such as one stopped
   * after a failure): a benchmark measures a queue that is there.
   */
  private static final Duration GIVE_UP_WINDOW = Duration.ofSeconds(5);

  private final BenchTarget target;
  private final Arrivals arrivals = new Arrivals("; is a node serving the queue, and can its"
      + " workers start? The node's warnings tell, and the workers' log (workers.log in --dir)");
  private volatile @Nullable String failure;

  RoundClient(BenchTarget target, Path taskdir, String name, Map<String, String> properties) {
    super(target.address(), target.authkey(), taskdir, name + "-" + System.nanoTime(),
        properties);
    this.target = target;
    reconnectWindow(GIVE_UP_WINDOW);
    connectWindow(GIVE_UP_WINDOW);
  }

  /**
   * Runs the measurement; a failure is kept for {@link #failure()}, and stops the queue and node
   * this JVM started, so that the run gives up the jobs it still waits for.
   */
  @Startup
  public void measure() {
    try {
      rounds();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
      target.close();
    } catch (RuntimeException e) {
      fail(e.getMessage());
      target.close();
    }
  }

  /** Counts and checks the results that arrived. */
  @Process
  public void collect(List<Job> ready, List<Job> errors) {
    for (Job job : ready) {
      if (!correct(job)) {
        fail("job " + job.id() + " returned a wrong result");
      }
    }
    if (!errors.isEmpty()) {
      JobError error = errors.get(0).error();
      fail(errors.size() + " jobs failed, e.g. " + errors.get(0).id() + ": "
          + (error == null ? "no error recorded" : error.error()));
    }
    arrivals.arrived(ready.size() + errors.size());
  }

  /** The measurement: warm-up and measured runs, each forking and awaiting its jobs. */
  protected abstract void rounds() throws InterruptedException;

  /** Whether a succeeded job's result is what its method computes. */
  protected abstract boolean correct(Job job);

  /** Gives up the measurement when no result arrives for {@code patience} while some are due. */
  final void patience(Duration patience) {
    arrivals.patience(patience);
  }

  /**
   * Waits until {@code count} more results have arrived.
   *
   * @return when the last of them arrived, in {@link System#nanoTime()} terms
   * @throws IllegalStateException when none arrives for the {@linkplain #patience patience}
   */
  public final long await(int count) throws InterruptedException {
    return arrivals.await(count);
  }

  private void fail(@Nullable String reason) {
    if (failure == null) {
      failure = reason == null ? "the measurement failed" : reason;
    }
  }

  /** Why the measurement is not valid, or null when it is. */
  final @Nullable String failure() {
    return failure;
  }
}
