package io.impetus.core.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The shared secret that every peer proves it knows before the queue accepts anything from it.
 * The key never goes on the wire and never into a log: {@link #toString()} hides it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Authkey {

  /** The environment variable that daemons, workers and clients read the key from. */
  public static final String ENVIRONMENT_VARIABLE = "IMPETUS_AUTHKEY";

  /** The key used when none is given: acceptable on loopback only. */
  public static final String DEFAULT = "impetus";

  private final byte[] secret;

  private Authkey(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the authkey must not be empty");
    }
    this.secret = secret;
  }

  /** The key whose secret is the UTF-8 encoding of {@code text}. */
  public static Authkey of(String text) {
    return new Authkey(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Picks the key from, in order: the command-line value, a key file, the environment variable
   * {@value #ENVIRONMENT_VARIABLE}, and the default.
   *
   * @param option the value of {@code -a/--authkey}, or null
   * @param file a file whose first line is the key, or null
   * @param environment the value of {@value #ENVIRONMENT_VARIABLE}, or null
   * @throws IllegalArgumentException when the file cannot be read or holds no key
   */
  public static Authkey resolve(
      @Nullable String option, @Nullable Path file, @Nullable String environment) {
    if (option != null) {
      return of(option);
    }
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
          throw new IllegalArgumentException("authkey file " + file + " is empty");
        }
        return of(text.lines().findFirst().orElseThrow());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read authkey file " + file + ": " + e, e);
      }
    }
    if (environment != null && !environment.isEmpty()) {
      return of(environment);
    }
    return of(DEFAULT);
  }

  /** Whether this is the well-known default key. */
  public boolean isDefault() {
    return Arrays.equals(secret, DEFAULT.getBytes(StandardCharsets.UTF_8));
  }

  /** The key as text, to hand to a child process through its environment. */
  public String reveal() {
    return new String(secret, StandardCharsets.UTF_8);
  }

  byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "Authkey[hidden]";
  }
}
