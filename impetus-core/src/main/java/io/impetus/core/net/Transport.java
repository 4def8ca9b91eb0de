package io.impetus.core.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The socket transport of every Impetus connection: Netty's native epoll on Linux (x86_64 and
 * aarch64, whose libraries ship with Impetus), which makes fewer system calls and less garbage
 * per message than the JDK's selector; Java NIO elsewhere, or when the system property {@value
 * #PROPERTY} is {@code nio}. Chosen once per JVM; the choice is logged by nobody and shown by
 * {@link #name()}.
 *
 * <p>Thread-safe; stateless after class initialisation.
 */
public final class Transport {

  /** The system property that forces a transport: {@code epoll} or {@code nio}. */
  public static final String PROPERTY = "impetus.transport";

  private static final boolean EPOLL =
      !"nio".equals(System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT))
          && Epoll.isAvailable();

  private static final Pattern NATIVE_PREFIX =
      Pattern.compile("^\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ");

  private Transport() {}

  /** {@code epoll} or {@code nio}. */
  public static String name() {
    return EPOLL ? "epoll" : "nio";
  }

  /** The I/O handlers for an event loop group. */
  public static IoHandlerFactory ioHandlers() {
    return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /** The class of client sockets. */
  public static Class<? extends SocketChannel> socketChannel() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /**
   * The message of a socket error, without the name of the system call that native epoll puts
   * before it ({@code "bind(..) failed with error(-98): Address already in use"} becomes {@code
   * "Address already in use"}), so that both transports say the same.
   */
  public static String message(Throwable error) {
    String message = error.getMessage();
    if (message == null) {
      return error.getClass().getSimpleName();
    }
    return NATIVE_PREFIX.matcher(message).replaceFirst("");
  }

  /**
   * A connection's error for the log: a socket error by its {@link #message} alone (a reset
   * connection reads "Connection reset by peer" on both transports), anything else with its class.
   */
  public static String describe(Throwable error) {
    return error instanceof IOException ? message(error) : error.toString();
  }

  /** The class of listening sockets. */
  public static Class<? extends ServerSocketChannel> serverChannel() {
    return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
