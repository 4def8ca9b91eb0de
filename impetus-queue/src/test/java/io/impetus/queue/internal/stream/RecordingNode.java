package io.impetus.queue.internal.stream;

import io.impetus.core.protocol.StreamBacklog;
import java.util.ArrayList;
import java.util.List;

/** A node link that records what the queue sends it. */
final class RecordingNode implements NodeLink {

  final List<StreamBacklog> backlogs = new ArrayList<>();
  final List<Long> drains = new ArrayList<>();
  boolean disconnected;

  @Override
  public void sendBacklog(StreamBacklog backlog) {
    backlogs.add(backlog);
  }

  @Override
  public void sendDrain(long graceMillis) {
    drains.add(graceMillis);
  }

  @Override
  public void disconnect() {
    disconnected = true;
  }
}
