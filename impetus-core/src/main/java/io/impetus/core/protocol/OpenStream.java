package io.impetus.core.protocol;

import java.util.Map;

/**
 * Creates the stream {@code streamId}, or re-attaches to it when it exists, and makes the sending
 * connection the stream's owner: the queue pushes the stream's results to it, starting with every
 * finished result not yet acknowledged (sent before the {@link StreamOpened} answer).
 *
 * @param rid the request id
 * @param streamId the stream, which is the client's id
 * @param properties stream properties (mpps, timeout, ...); ignored when the stream exists
 */
public record OpenStream(long rid, String streamId, Map<String, String> properties)
    implements ClientRequest {

  /** Takes an immutable copy of the properties. */
  public OpenStream {
    properties = Map.copyOf(properties);
  }
}
