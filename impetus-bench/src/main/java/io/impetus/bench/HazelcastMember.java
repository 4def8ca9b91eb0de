package io.impetus.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.impetus.daemon.DaemonLogging;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * One member of the Hazelcast peer's cluster, in a process of its own that {@link HazelcastPeer}
 * starts: {@code HazelcastMember CLUSTER PORT MEMBERS}. It binds the loopback interface only, at
 * {@code PORT} or one of the next {@value #PORTS_TRIED} ports, and joins the cluster named {@code
 * CLUSTER} over TCP/IP at those ports (no multicast, no discovery); the member at {@code PORT} is
 * the one the others join (without an election, the members start in a few seconds less). Its
 * executor {@value #EXECUTOR} runs one task at a time. Once the cluster has {@code MEMBERS}
 * members it prints {@code ready HOST:PORT} (its own address) on standard output, and nothing
 * else there; its warnings go to standard error. It stops, without waiting for anything, when
 * its standard input ends: the benchmark closes it, and so does the end of the benchmark's JVM,
 * however it ends.
 */
public final class HazelcastMember {

  /** The executor's name. */
  static final String EXECUTOR = "bench";
  /** How many ports from the first one members bind and look for each other at. */
  static final int PORTS_TRIED = 10;
  /**
   * Hazelcast's settings for every member and client of the peer: logging through SLF4J (only
   * warnings are shown) and no phone-home.
   */
  static final Map<String, String> PROPERTIES = Map.of("hazelcast.logging.type", "slf4j",
      "hazelcast.phone.home.enabled", "false");

  private HazelcastMember() {}

  /** Runs a member; see the class comment. Exits 2 on a bad command line. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: HazelcastMember CLUSTER PORT MEMBERS");
      System.exit(2);
    }
    DaemonLogging.install();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    int members = Integer.parseInt(args[2]);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        config(args[0], Integer.parseInt(args[1])));
    CountDownLatch complete = new CountDownLatch(1);
    member.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        if (event.getMembers().size() >= members) {
          complete.countDown();
        }
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        // the benchmark's members leave only at the end
      }
    });
    if (member.getCluster().getMembers().size() >= members) {
      complete.countDown();
    }
    complete.await();
    InetSocketAddress address = member.getCluster().getLocalMember().getSocketAddress();
    System.out.println("ready " + address.getHostString() + ":" + address.getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // nothing is sent: the benchmark only closes standard input
    }
    member.getLifecycleService().terminate();
    System.exit(0);
  }

  /** A member of {@code cluster} at {@code port} or one of the next ports, on loopback only. */
  static Config config(String cluster, int port) {
    Config config = new Config();
    config.setClusterName(cluster);
    PROPERTIES.forEach(config::setProperty);
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true).setPortCount(PORTS_TRIED);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setRequiredMember("127.0.0.1:" + port);
    for (int each = port; each < port + PORTS_TRIED; each++) {
      join.getTcpIpConfig().addMember("127.0.0.1:" + each);
    }
    config.getExecutorConfig(EXECUTOR).setPoolSize(1);
    return config;
  }
}
