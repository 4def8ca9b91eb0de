package io.impetus.core.protocol;

import java.util.List;

/**
 * The client has recorded these results; the queue forgets the jobs. Answered by {@link Ack}.
 *
 * @param rid the request id
 * @param streamId the stream
 * @param jobIds the recorded jobs
 */
public record AckResults(long rid, String streamId, List<String> jobIds) implements ClientRequest {

  /** Takes an immutable copy of the ids. */
  public AckResults {
    jobIds = List.copyOf(jobIds);
  }
}
