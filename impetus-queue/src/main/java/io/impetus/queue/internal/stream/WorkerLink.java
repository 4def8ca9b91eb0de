package io.impetus.queue.internal.stream;

import io.impetus.core.job.LeasedJob;
import java.util.List;

/**
 * A worker's connection as a stream sees it: where lease replies go. Leases are held by the link;
 * when the link closes, its leases return, at once or when its node reports the worker's end
 * (see {@link QueueState}). A worker that reconnects is a new link: completions it resends under
 * its old leases are matched by epoch, not by link. Implementations must not block and must not
 * call back into the stream.
 */
public interface WorkerLink {

  /** Answers lease request {@code rid}. */
  void sendLeased(long rid, List<LeasedJob> jobs);

  /** Fails lease request {@code rid}, e.g. because the stream was closed. */
  void sendFailure(long rid, String message);

  /** The worker's peer id, {@code <nodeId>/<pid>}, for errors and logs. */
  String name();

  /** The id of the node that started the worker: the part of its name before the slash. */
  default String nodeId() {
    String name = name();
    int slash = name.indexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }
}
