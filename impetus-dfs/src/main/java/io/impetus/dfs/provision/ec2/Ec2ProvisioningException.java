package io.impetus.dfs.provision.ec2;

import io.impetus.dfs.provision.ProvisioningException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * EC2 refused an action, or could not be reached, after the provisioner's retries. The message
 * reads {@code <Action> failed after <n> attempts: <ErrorCode>: <EC2's message> (request id
 * <id>)}; {@link #errorCode()} gives the code alone, so that the DFS can tell a shortage of
 * capacity (worth trying again later, perhaps with another instance type) from a configuration
 * error. Never holds credentials or user data.
 */
public final class Ec2ProvisioningException extends ProvisioningException {

  private static final long serialVersionUID = 1L;

  private static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity",
      "InsufficientCapacity", "InsufficientHostCapacity", "InstanceLimitExceeded",
      "VcpuLimitExceeded", "MaxSpotInstanceCountExceeded");

  private final String action;
  private final @Nullable String errorCode;
  private final int attempts;

  /**
   * A failure of {@code action} after {@code attempts} attempts.
   *
   * @param errorCode EC2's error code, or null when EC2 never answered
   */
  public Ec2ProvisioningException(String action, @Nullable String errorCode, int attempts,
      String message, @Nullable Throwable cause) {
    super(message, cause);
    this.action = action;
    this.errorCode = errorCode;
    this.attempts = attempts;
  }

  /** The EC2 action that failed, e.g. {@code RunInstances}. */
  public String action() {
    return action;
  }

  /** EC2's error code, e.g. {@code InsufficientInstanceCapacity}; null if EC2 never answered. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** How many requests were sent. */
  public int attempts() {
    return attempts;
  }

  /** Whether EC2 lacked capacity or the account hit an instance limit. */
  public boolean isCapacityShortage() {
    return errorCode != null && CAPACITY.contains(errorCode);
  }
}
