package io.impetus.core.protocol;

import java.util.Map;

/**
 * How much work a stream has, and the properties that tell a node how to staff it.
 *
 * @param streamId the stream
 * @param waiting jobs that no worker holds yet
 * @param running jobs leased to workers
 * @param properties the stream's properties
 */
public record StreamBacklog(
    String streamId, int waiting, int running, Map<String, String> properties) {

  /** Takes an immutable copy of the properties. */
  public StreamBacklog {
    properties = Map.copyOf(properties);
  }
}
