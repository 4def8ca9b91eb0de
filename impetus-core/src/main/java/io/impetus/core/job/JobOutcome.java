package io.impetus.core.job;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a worker reports for one leased job: a serialized result or an error.
 *
 * @param id the job id
 * @param epoch the epoch of the lease the worker held
 * @param result the serialized return value when the job succeeded, else null
 * @param error why the job failed, else null
 * @param startedMillis when the worker started the job (epoch milliseconds)
 * @param finishedMillis when it finished
 * @param node id of the node that ran the worker
 * @param worker id of the worker process
 */
public record JobOutcome(
    String id,
    long epoch,
    byte @Nullable [] result,
    @Nullable ErrorInfo error,
    long startedMillis,
    long finishedMillis,
    String node,
    String worker) {

  /** Checks that exactly one of {@code result} and {@code error} is set. */
  public JobOutcome {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(worker, "worker");
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException(
          "job " + id + ": an outcome has either a result or an error, not both or neither");
    }
  }

  /** True when the job returned a value. */
  public boolean succeeded() {
    return result != null;
  }
}
