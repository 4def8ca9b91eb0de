package io.impetus.dfs.provision;

/**
 * A provider refused or could not be reached, after the provisioner's own retries. The message
 * says what failed in the provider's words (for EC2, the error code and message), never secrets.
 */
public class ProvisioningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public ProvisioningException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
