package io.impetus.worker.internal;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.net.ReconnectingConnection;
import io.impetus.core.protocol.Ack;
import io.impetus.core.protocol.Batches;
import io.impetus.core.protocol.CompleteJobs;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the outcomes of finished jobs to the queue without waiting for each acknowledgement, so
 * that the worker runs its next jobs meanwhile: at most {@link #IN_FLIGHT} messages are
 * unacknowledged at once, and each stays well inside the frame limit (see {@link Batches}). A
 * message whose connection drops is sent again once the connection is back (see {@link
 * ReconnectingConnection}); the queue ignores outcomes it already recorded. A failure from the
 * queue surfaces on the next {@link #send} or {@link #awaitAll}.
 *
 * <p>Used by the worker's job thread only.
 */
final class Completions {

  /** The most completion messages not yet acknowledged. */
  static final int IN_FLIGHT = 4;

  private final ReconnectingConnection connection;
  private final String stream;
  private final ArrayDeque<CompletableFuture<Ack>> pending = new ArrayDeque<>();

  Completions(ReconnectingConnection connection, String stream) {
    this.connection = connection;
    this.stream = stream;
  }

  /**
   * Sends {@code outcomes}, first waiting while {@link #IN_FLIGHT} messages are unacknowledged.
   *
   * @throws java.util.concurrent.CompletionException when the queue refused an earlier message
   *     or could not be reached
   */
  void send(List<JobOutcome> outcomes) {
    for (List<JobOutcome> batch : Batches.split(outcomes, Integer.MAX_VALUE, Batches::size)) {
      while (pending.size() >= IN_FLIGHT) {
        pending.poll().join();
      }
      pending.add(connection.call(rid -> new CompleteJobs(rid, stream, batch), Ack.class));
      while (!pending.isEmpty() && pending.peek().isDone()) {
        pending.poll().join();
      }
    }
  }

  /** Waits until the queue has acknowledged every outcome sent. */
  void awaitAll() {
    while (!pending.isEmpty()) {
      pending.poll().join();
    }
  }
}
