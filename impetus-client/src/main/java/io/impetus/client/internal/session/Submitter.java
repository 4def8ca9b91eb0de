package io.impetus.client.internal.session;

import io.impetus.client.ImpetusException;
import io.impetus.core.job.JobSpec;
import io.impetus.core.net.PeerConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.SubmitJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Sends forked jobs to the queue in batches, with several batches in flight: {@code fork} only
 * enqueues, and one thread drains whatever has accumulated into the next {@link SubmitJobs}. A
 * failed submit is reported to the failure consumer.
 *
 * <p>Thread-safe; {@link #add} may be called from any thread.
 */
final class Submitter {

  private static final int MAX_BATCH = 1000;
  private static final int MAX_IN_FLIGHT = 8;

  private final PeerConnection connection;
  private final String streamId;
  private final Consumer<RuntimeException> onFailure;
  private final LinkedBlockingQueue<JobSpec> queue = new LinkedBlockingQueue<>();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Thread thread;

  Submitter(PeerConnection connection, String streamId, Consumer<RuntimeException> onFailure) {
    this.connection = connection;
    this.streamId = streamId;
    this.onFailure = onFailure;
    this.thread = new Thread(this::loop, "impetus-submit-" + streamId);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void add(JobSpec spec) {
    queue.add(spec);
  }

  void stop() {
    thread.interrupt();
  }

  private void loop() {
    try {
      while (true) {
        List<JobSpec> batch = new ArrayList<>();
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        inFlight.acquire();
        connection.call(rid -> new SubmitJobs(rid, streamId, batch), Ack.class)
            .whenComplete((ack, error) -> {
              inFlight.release();
              if (error != null) {
                onFailure.accept(new ImpetusException("cannot submit " + batch.size()
                    + " jobs: " + QueueSession.rootMessage(error), error));
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
