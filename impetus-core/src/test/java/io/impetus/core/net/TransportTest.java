package io.impetus.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.epoll.EpollSocketChannel;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every connection uses native epoll on Linux, where Impetus ships its library. */
class TransportTest {

  @Test
  void linuxConnectionsUseNativeEpoll() {
    String arch = System.getProperty("os.arch");
    assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).startsWith("linux");
    assumeThat(arch).isIn("amd64", "x86_64", "aarch64");
    assumeThat(System.getProperty(Transport.PROPERTY)).isNull();

    assertThat(Transport.name()).isEqualTo("epoll");
    assertThat(Transport.socketChannel()).isEqualTo(EpollSocketChannel.class);
  }

  @Test
  void socketErrorsReadTheSameOnBothTransports() {
    assertThat(Transport.message(new java.io.IOException(
        "bind(..) failed with error(-98): Address already in use")))
        .isEqualTo("Address already in use");
    assertThat(Transport.message(new java.net.ConnectException(
        "connect(..) failed: Connection refused: /127.0.0.1:7")))
        .isEqualTo("Connection refused: /127.0.0.1:7");
    assertThat(Transport.message(new java.net.ConnectException("Connection refused")))
        .isEqualTo("Connection refused");
    assertThat(Transport.message(new IllegalStateException())).isEqualTo("IllegalStateException");
  }

  @Test
  void connectionErrorsForTheLogKeepTheClassOfAnythingButASocketError() {
    assertThat(Transport.describe(new java.io.IOException(
        "recvAddress(..) failed with error(-104): Connection reset by peer")))
        .isEqualTo("Connection reset by peer");
    assertThat(Transport.describe(new IllegalStateException("frame too long")))
        .isEqualTo("java.lang.IllegalStateException: frame too long");
  }
}
