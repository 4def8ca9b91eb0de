package io.impetus.dfs.provision;

import java.util.List;

/**
 * Starts and stops the machines that run node daemons for one cluster. The DFS calls it from its
 * control loop, so no method waits for a machine to boot: {@link #launch} returns once the start
 * has been requested, and the DFS learns that a machine is up when its node registers with the
 * queue under {@link Machine#nodeId()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Provisioner extends AutoCloseable {

  /**
   * Requests {@code count} new machines, each of which starts a node daemon that registers with
   * the queue under its machine's {@link Machine#nodeId()}.
   *
   * @return the machines whose start was requested (possibly fewer than {@code count} when the
   *     provider grants fewer)
   * @throws ProvisioningException when the provider refuses, after its own retries
   */
  List<Machine> launch(int count);

  /**
   * The cluster's machines that exist and are not being terminated, including those an earlier
   * DFS process started (so that a restarted DFS adopts them).
   *
   * @throws ProvisioningException when the provider cannot be asked, after its own retries
   */
  List<Machine> list();

  /**
   * Terminates a machine: its node has drained, or never registered. Terminating a machine that
   * is already gone is not an error.
   *
   * @throws ProvisioningException when the provider refuses, after its own retries
   */
  void terminate(Machine machine);

  /** Releases the provider's resources; machines keep running. */
  @Override
  void close();
}
