package io.impetus.core.net;

import java.net.InetSocketAddress;

/**
 * A TCP endpoint written {@code host:port} ({@code [v6addr]:port} for IPv6 literals).
 *
 * @param host a host name or address literal
 * @param port 1-65535, or 0 for "any free port" when binding
 */
public record HostAndPort(String host, int port) {

  /** Checks the fields. */
  public HostAndPort {
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException naming the text when it is not of that form
   */
  public static HostAndPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("address '" + text + "' is not of the form host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address '" + text + "' has no numeric port", e);
    }
    try {
      return new HostAndPort(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("address '" + text + "': " + e.getMessage(), e);
    }
  }

  /** An unresolved socket address for connecting or binding. */
  public InetSocketAddress toSocketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
