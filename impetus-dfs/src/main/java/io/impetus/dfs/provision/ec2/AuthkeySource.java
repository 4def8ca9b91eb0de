package io.impetus.dfs.provision.ec2;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a new node machine reads the queue's authkey at boot: never the key itself, which would
 * sit in clear in the instance's user data (readable by every process on the machine through the
 * metadata service, and by anyone allowed {@code ec2:DescribeInstanceAttribute}). Immutable.
 *
 * <p>Written {@code ssm:NAME} (an SSM Parameter Store parameter, best a {@code SecureString},
 * read with decryption), {@code secretsmanager:ID} (a Secrets Manager secret's name or ARN, whose
 * string value is the key) or {@code file:/PATH} (a file baked into the AMI). A value of any other
 * form is refused without being repeated in the message, since it may be the key pasted by
 * mistake.
 *
 * @param kind where the key is kept
 * @param name the parameter's name, the secret's id, or the file's absolute path
 */
public record AuthkeySource(Kind kind, String name) {

  private static final Pattern SSM_NAME = Pattern.compile("[A-Za-z0-9_./:-]{1,2048}");
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");
  private static final Pattern FILE = Pattern.compile("/[A-Za-z0-9_./@+-]{1,4095}");

  /** Checks the name for its kind. */
  public AuthkeySource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    boolean ok = switch (kind) {
      case SSM -> SSM_NAME.matcher(name).matches();
      case SECRETS_MANAGER -> SECRET_ID.matcher(name).matches();
      case FILE -> FILE.matcher(name).matches() && !name.contains("/../");
    };
    if (!ok) {
      throw new IllegalArgumentException("bad authkey source " + kind.prefix + name
          + ": expected " + kind.expected);
    }
  }

  /**
   * The source written {@code ssm:NAME}, {@code secretsmanager:ID} or {@code file:/PATH}.
   *
   * @throws IllegalArgumentException for any other text; the message does not repeat it
   */
  public static AuthkeySource parse(String text) {
    for (Kind kind : Kind.values()) {
      if (text.startsWith(kind.prefix)) {
        return new AuthkeySource(kind, text.substring(kind.prefix.length()));
      }
    }
    throw new IllegalArgumentException("bad authkey source (" + text.length()
        + " characters, not shown: it may be the key itself): expected ssm:NAME,"
        + " secretsmanager:ID or file:/PATH, never the key");
  }

  /** The source as {@link #parse} reads it, e.g. {@code ssm:/impetus/authkey}. */
  @Override
  public String toString() {
    return kind.prefix + name;
  }

  /** Where a key is kept. */
  public enum Kind {
    /** An AWS Systems Manager Parameter Store parameter. */
    SSM("ssm:", "an SSM parameter name such as /impetus/authkey"),
    /** An AWS Secrets Manager secret. */
    SECRETS_MANAGER("secretsmanager:", "a Secrets Manager secret name or ARN"),
    /** A file on the machine, baked into its AMI. */
    FILE("file:", "an absolute path such as /etc/impetus/authkey");

    private final String prefix;
    private final String expected;

    Kind(String prefix, String expected) {
      this.prefix = prefix;
      this.expected = expected;
    }
  }
}
