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
}
