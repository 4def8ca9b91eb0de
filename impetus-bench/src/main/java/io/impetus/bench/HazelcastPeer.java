package io.impetus.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A Hazelcast executor as a peer, set up as a user would: {@code workers} members, each a JVM of
 * its own ({@link HazelcastMember}, started by this class with the benchmark's classpath) whose
 * executor runs one task at a time, so that there are as many workers as Impetus has; they listen
 * on the loopback interface only and form a cluster whose name is unique to the invocation. This
 * JVM connects as a client routing to every member, and submits each job as a {@link
 * HazelcastTask} through the {@link IExecutorService}, to the members in turn. All lanes share
 * the one client; each counts the results of its own jobs, which arrive on the client's threads.
 *
 * <p>Thread-safe. Closing it shuts the client down and stops the members; should this JVM end
 * first, a shutdown hook stops them, and each member stops by itself when its standard input, a
 * pipe from this JVM, ends.
 */
final class HazelcastPeer implements Peer {

  /** What Hazelcast's documentation asks of a member's JVM on Java 9 and later. */
  private static final List<String> MEMBER_JVM_OPTIONS = List.of("--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
  /** How long the members may take to form their cluster, at least. */
  private static final Duration STARTUP = Duration.ofMinutes(1);
  /** How long a member may take to stop once asked, before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final List<Process> members;
  private final Thread stopOnExit;
  private final HazelcastInstance client;
  private final IExecutorService executor;
  private final List<Member> targets;
  private final AtomicInteger next = new AtomicInteger();
  private final Duration patience;
  private boolean closed;

  private HazelcastPeer(List<Process> members, Thread stopOnExit, HazelcastInstance client,
      Duration patience) {
    this.members = members;
    this.stopOnExit = stopOnExit;
    this.client = client;
    this.executor = client.getExecutorService(HazelcastMember.EXECUTOR);
    this.targets = List.copyOf(client.getCluster().getMembers());
    this.patience = patience;
  }

  /**
   * Starts {@code workers} members, whose standard error goes to {@code log}, and connects to
   * them.
   *
   * @param patience how long a lane waits for a result; the members may take as long to start,
   *     or a minute if that is longer
   * @throws IllegalStateException when they do not form a cluster in that time
   */
  static HazelcastPeer start(int workers, Path log, Duration patience)
      throws InterruptedException {
    byte[] secret = new byte[8];
    new SecureRandom().nextBytes(secret);
    String cluster = "impetus-bench-" + HexFormat.of().formatHex(secret);
    List<Process> members = new CopyOnWriteArrayList<>();
    Thread stopOnExit = new Thread(() -> stop(members), "bench-hazelcast-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    long begin = System.nanoTime();
    try {
      int port = freePort();
      List<CompletableFuture<String>> ready = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Process member = launch(cluster, port, workers, log);
        members.add(member);
        ready.add(readyLine(member));
      }
      Duration startup = patience.compareTo(STARTUP) > 0 ? patience : STARTUP;
      List<String> addresses = addresses(ready, startup, log);
      System.err.printf(Locale.ROOT, "impetus bench: %d Hazelcast members up in %.1f s%n",
          workers, (System.nanoTime() - begin) / 1e9);
      HazelcastInstance client =
          HazelcastClient.newHazelcastClient(clientConfig(cluster, addresses, startup));
      int seen = client.getCluster().getMembers().size();
      if (seen != workers) {
        client.shutdown();
        throw new IllegalStateException("the Hazelcast client sees " + seen + " members, not "
            + workers);
      }
      return new HazelcastPeer(members, stopOnExit, client, patience);
    } catch (RuntimeException | InterruptedException e) {
      stop(members);
      removeHook(stopOnExit);
      throw e;
    }
  }

  @Override
  public String name() {
    return "hazelcast";
  }

  @Override
  public void run(Rounds rounds) throws InterruptedException {
    CallbackLane.run(rounds, (work, argument, done) -> {
      Member member = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
      executor.submitToMember(new HazelcastTask(work, argument), member,
          new ExecutionCallback<Object>() {
            @Override
            public void onResponse(Object response) {
              done.accept(response, null);
            }

            @Override
            public void onFailure(Throwable t) {
              done.accept(null, t);
            }
          });
    }, patience, "; are the Hazelcast members up? Their warnings are in hazelcast.log in --dir");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      client.shutdown();
    } finally {
      stop(members);
      removeHook(stopOnExit);
    }
  }

  private static Process launch(String cluster, int port, int members, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(MEMBER_JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        HazelcastMember.class.getName(), cluster, Integer.toString(port),
        Integer.toString(members)));
    try {
      return new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a Hazelcast member: " + e.getMessage(), e);
    }
  }

  /** Completes with the member's address once it says it is ready; fails when it ends first. */
  private static CompletableFuture<String> readyLine(Process member) {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = member.inputReader()) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("ready ")) {
            ready.complete(line.substring("ready ".length()));
          }
        }
      } catch (IOException e) {
        // the member ended; said below
      }
      ready.completeExceptionally(new IllegalStateException("a Hazelcast member ended before"
          + " the cluster formed"));
    }, "bench-hazelcast-member-" + member.pid());
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  private static List<String> addresses(List<CompletableFuture<String>> ready, Duration startup,
      Path log) throws InterruptedException {
    try {
      CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
          .get(startup.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      String why = e instanceof ExecutionException ? e.getCause().getMessage()
          : "the Hazelcast members did not form a cluster within " + startup.toSeconds() + " s";
      String last = lastLine(log);
      throw new IllegalStateException(why + "; hazelcast.log in --dir tells why"
          + (last == null ? "" : ", e.g. " + last));
    }
    return ready.stream().map(CompletableFuture::join).toList();
  }

  private static ClientConfig clientConfig(String cluster, List<String> addresses,
      Duration startup) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster);
    HazelcastMember.PROPERTIES.forEach(config::setProperty);
    config.getNetworkConfig().setAddresses(addresses).getClusterRoutingConfig()
        .setRoutingMode(RoutingMode.ALL_MEMBERS);
    config.getConnectionStrategyConfig().getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(startup.toMillis());
    return config;
  }

  /** Closes each member's standard input, then kills those that are still there after a while. */
  private static void stop(List<Process> members) {
    for (Process member : members) {
      try {
        member.getOutputStream().close();
      } catch (IOException e) {
        member.destroy();
      }
    }
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Process member : members) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!member.waitFor(left, TimeUnit.NANOSECONDS)) {
          member.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        member.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port: " + e.getMessage(), e);
    }
  }

  /** The log's last line that is not part of a stack trace, or null. */
  private static @Nullable String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank() && !Character.isWhitespace(lines.get(i).charAt(0))) {
          return lines.get(i).strip();
        }
      }
      return null;
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }
}
