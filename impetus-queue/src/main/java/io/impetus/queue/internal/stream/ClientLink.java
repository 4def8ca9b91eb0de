package io.impetus.queue.internal.stream;

import io.impetus.core.job.JobResult;
import java.util.List;

/**
 * The connection of the client that owns a stream, as the stream sees it: where results are
 * pushed. Implementations must not block and must not call back into the stream.
 */
public interface ClientLink {

  /** Pushes finished jobs to the client. */
  void sendResults(String streamId, List<JobResult> results);
}
