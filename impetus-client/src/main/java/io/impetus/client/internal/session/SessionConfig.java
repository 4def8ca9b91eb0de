package io.impetus.client.internal.session;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a {@link QueueSession} needs to know: where the queue is, the client's stream and its
 * properties, how long to wait for the queue and its workers, and how many jobs may wait to be
 * sent.
 * Immutable.
 *
 * @param address the queue
 * @param authkey the queue's key
 * @param streamId the client's stream, which is its id
 * @param properties the stream's properties, sent each time the stream is opened
 * @param waits how long to wait for the queue, at first and after a loss, and for its workers
 * @param submitCapacity the most forked jobs waiting to be sent, or empty for no limit
 */
public record SessionConfig(HostAndPort address, Authkey authkey, String streamId,
    Map<String, String> properties, QueueWaits waits, OptionalInt submitCapacity) {

  /** Takes an immutable copy of the properties. */
  public SessionConfig {
    properties = Map.copyOf(properties);
  }
}
