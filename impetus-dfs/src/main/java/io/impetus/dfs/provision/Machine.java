package io.impetus.dfs.provision;

import java.time.Instant;
import java.util.Objects;

/**
 * A machine a {@link Provisioner} started for the cluster.
 *
 * @param id the provider's id of the machine (an EC2 instance id, a local process's name)
 * @param nodeId the id under which the machine's node registers with the queue
 * @param launched when the machine was started (for boot timeouts and billing periods)
 * @param description what to say about it in logs (instance type and zone, or the pid)
 */
public record Machine(String id, String nodeId, Instant launched, String description) {

  /** Checks that nothing is missing. */
  public Machine {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(launched, "launched");
    Objects.requireNonNull(description, "description");
  }
}
