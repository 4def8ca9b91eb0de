package io.impetus.dfs.provision.ec2;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a new node machine's user data installs and starts: the values of the {@code bootstrap/}
 * template's variables (see {@code bootstrap/README.md}). Immutable, checked on construction with
 * an {@link IllegalArgumentException} that names the bad value. Holds no secret: the authkey is
 * named by its {@link AuthkeySource}, never included.
 *
 * @param queueHost the queue's host as the node machines reach it (not a loopback address)
 * @param queuePort the queue's port
 * @param authkeySource where the machine reads the queue's authkey
 * @param mpps the node's most worker processes per stream ({@code impetus-node -m})
 * @param nodeUrl the node distribution, a tar archive of {@code bin/} and {@code lib/} (maybe
 *     under one top directory): {@code https://}, {@code s3://}, or {@code http://} with a
 *     {@code nodeSha256}
 * @param nodeSha256 the archive's SHA-256 in hex, checked before it is unpacked; null skips the
 *     check (refused for {@code http://})
 * @param javaPackage the JDK's package (e.g. {@code java-21-amazon-corretto-headless}), or null
 *     to pick a JDK 17 headless package for the machine's distribution
 */
public record NodeBootstrap(
    String queueHost,
    int queuePort,
    AuthkeySource authkeySource,
    int mpps,
    URI nodeUrl,
    @Nullable String nodeSha256,
    @Nullable String javaPackage) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]{0,127}");
  private static final Pattern URL = Pattern.compile("[\\x21-\\x7e]{1,2048}");

  /** Checks every value; see the class comment. */
  public NodeBootstrap {
    Objects.requireNonNull(queueHost, "queueHost");
    Objects.requireNonNull(authkeySource, "authkeySource");
    Objects.requireNonNull(nodeUrl, "nodeUrl");
    check(HOST.matcher(queueHost).matches(), "queue host", queueHost,
        "a host name or IP address");
    check(!isLoopback(queueHost), "queue host", queueHost,
        "an address the node machines can reach, not a loopback one");
    check(queuePort >= 1 && queuePort <= 65535, "queue port", queuePort, "1 to 65535");
    check(mpps >= 1, "mpps", mpps, "at least 1");
    String scheme = nodeUrl.getScheme() == null ? "" : nodeUrl.getScheme().toLowerCase(Locale.ROOT);
    check(URL.matcher(nodeUrl.toString()).matches() && nodeUrl.getHost() != null
        && (scheme.equals("https") || scheme.equals("http") || scheme.equals("s3")),
        "node distribution URL", nodeUrl, "an https://, s3:// or http:// URL");
    check(nodeSha256 == null || SHA256.matcher(nodeSha256).matches(), "node sha256",
        nodeSha256, "64 hex digits");
    check(!scheme.equals("http") || nodeSha256 != null, "node distribution URL", nodeUrl,
        "https:// or s3://, or http:// only with a sha256 to check it");
    check(javaPackage == null || PACKAGE.matcher(javaPackage).matches(), "java package",
        javaPackage, "a package name such as openjdk-17-jdk-headless");
  }

  /** A builder with the required values; mpps 5, no checksum, the default JDK package. */
  public static Builder builder(String queueHost, int queuePort, AuthkeySource authkeySource,
      URI nodeUrl) {
    return new Builder(queueHost, queuePort, authkeySource, nodeUrl);
  }

  private static boolean isLoopback(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.equals("localhost") || lower.startsWith("127.") || lower.equals("::1")
        || lower.equals("0.0.0.0");
  }

  private static void check(boolean ok, String what, @Nullable Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "bad bootstrap " + what + " '" + value + "': expected " + expected);
    }
  }

  /** Collects the optional values; {@link #build()} checks them all. Not thread-safe. */
  public static final class Builder {
    private final String queueHost;
    private final int queuePort;
    private final AuthkeySource authkeySource;
    private final URI nodeUrl;
    private int mpps = 5;
    private @Nullable String nodeSha256;
    private @Nullable String javaPackage;

    private Builder(String queueHost, int queuePort, AuthkeySource authkeySource, URI nodeUrl) {
      this.queueHost = queueHost;
      this.queuePort = queuePort;
      this.authkeySource = authkeySource;
      this.nodeUrl = nodeUrl;
    }

    /** The node's most worker processes per stream; default 5, the node's own default. */
    public Builder mpps(int mpps) {
      this.mpps = mpps;
      return this;
    }

    /** The distribution's SHA-256; default none. */
    public Builder nodeSha256(@Nullable String nodeSha256) {
      this.nodeSha256 = nodeSha256;
      return this;
    }

    /** The JDK's package; default: chosen for the machine's distribution. */
    public Builder javaPackage(@Nullable String javaPackage) {
      this.javaPackage = javaPackage;
      return this;
    }

    /** The checked values. */
    public NodeBootstrap build() {
      return new NodeBootstrap(queueHost, queuePort, authkeySource, mpps, nodeUrl, nodeSha256,
          javaPackage);
    }
  }
}
