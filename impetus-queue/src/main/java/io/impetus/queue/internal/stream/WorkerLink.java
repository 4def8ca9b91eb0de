package io.impetus.queue.internal.stream;

import io.impetus.core.job.LeasedJob;
import java.util.List;

/**
 * A worker's connection as a stream sees it: where lease replies go. Leases are held by the link;
 * when the link closes, its leases return. Implementations must not block and must not call back
 * into the stream.
 */
public interface WorkerLink {

  /** Answers lease request {@code rid}. */
  void sendLeased(long rid, List<LeasedJob> jobs);

  /** Fails lease request {@code rid}, e.g. because the stream was closed. */
  void sendFailure(long rid, String message);

  /** The worker's name, for errors and logs. */
  String name();
}
