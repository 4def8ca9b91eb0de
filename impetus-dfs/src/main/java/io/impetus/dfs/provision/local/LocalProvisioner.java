package io.impetus.dfs.provision.local;

import io.impetus.core.net.Authkey;
import io.impetus.dfs.provision.Machine;
import io.impetus.dfs.provision.Provisioner;
import io.impetus.dfs.provision.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts node daemons as processes on this machine: the default provisioner, used by the demo and
 * the tests. Each node runs {@code NodeDaemon --id local-<hex> ... foreground} with its output in
 * {@code <state>/<node id>.log}, and is recorded in {@code <state>/<node id>.pid} (the pid and
 * the process's start time, so that a reused pid is not mistaken for the node). {@link #list}
 * reads those files, so a restarted DFS adopts the nodes that still run; files of nodes that have
 * ended are removed. {@link #terminate} sends SIGTERM: a node daemon drains before it exits.
 *
 * <p>Thread-safe.
 */
public final class LocalProvisioner implements Provisioner {

  private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioner.class);
  private static final String NODE_MAIN = "io.impetus.node.NodeDaemon";

  private final LocalOptions options;

  /**
   * A provisioner that starts nodes as {@code options} says.
   *
   * @throws ProvisioningException when the state directory cannot be created
   */
  public LocalProvisioner(LocalOptions options) {
    this.options = options;
    try {
      Files.createDirectories(options.stateDirectory());
    } catch (IOException e) {
      throw new ProvisioningException("cannot create the local provisioner's directory "
          + options.stateDirectory() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<Machine> launch(int count) {
    List<Machine> started = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      started.add(start("local-" + HexFormat.of().toHexDigits(
          ThreadLocalRandom.current().nextInt())));
    }
    return started;
  }

  private Machine start(String nodeId) {
    Path state = options.stateDirectory();
    List<String> command = new ArrayList<>();
    command.add(options.java().toString());
    command.addAll(options.jvmOptions());
    command.addAll(List.of("-cp", options.classpath(), NODE_MAIN, "--id", nodeId,
        "-q", options.queue().host(), "-p", Integer.toString(options.queue().port()),
        "-m", Integer.toString(options.mpps()), "--cache", state.resolve("cache").toString(),
        "foreground"));
    if (options.capacity() > 0) {
      command.addAll(command.size() - 1, List.of("-c", Integer.toString(options.capacity())));
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve(nodeId + ".log").toFile()));
    builder.environment().put(Authkey.ENVIRONMENT_VARIABLE, options.authkey().reveal());
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new ProvisioningException("cannot start a node process with " + options.java()
          + ": " + e.getMessage(), e);
    }
    Instant started = process.info().startInstant().orElse(Instant.now());
    Path pidFile = state.resolve(nodeId + ".pid");
    try {
      Files.writeString(pidFile, process.pid() + " " + started.toEpochMilli() + "\n",
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      process.destroy();
      throw new ProvisioningException("cannot record node " + nodeId + " in " + pidFile + ": "
          + e.getMessage(), e);
    }
    process.onExit().thenRun(() -> forget(pidFile, process.pid()));
    LOG.info("started node {} (pid {}), output in {}", nodeId, process.pid(),
        state.resolve(nodeId + ".log"));
    return new Machine(nodeId, nodeId, started, "pid " + process.pid());
  }

  @Override
  public synchronized List<Machine> list() {
    List<Machine> alive = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(options.stateDirectory(), "local-*.pid")) {
      for (Path file : files) {
        String nodeId = file.getFileName().toString().replaceFirst("\\.pid$", "");
        Optional<Recorded> recorded = Recorded.read(file);
        Optional<ProcessHandle> process = recorded.flatMap(Recorded::process);
        if (process.isPresent()) {
          alive.add(new Machine(nodeId, nodeId, recorded.get().started(),
              "pid " + recorded.get().pid()));
        } else {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new ProvisioningException("cannot read the local provisioner's directory "
          + options.stateDirectory() + ": " + e.getMessage(), e);
    }
    return alive;
  }

  @Override
  public synchronized void terminate(Machine machine) {
    Path file = options.stateDirectory().resolve(machine.id() + ".pid");
    Recorded.read(file).flatMap(Recorded::process).ifPresent(process -> {
      LOG.info("stopping node {} ({})", machine.nodeId(), machine.description());
      process.destroy();
    });
  }

  private static void forget(Path pidFile, long pid) {
    try {
      if (Recorded.read(pidFile).map(r -> r.pid() == pid).orElse(false)) {
        Files.deleteIfExists(pidFile);
      }
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", pidFile, e.toString());
    }
  }

  @Override
  public void close() {
    // the nodes keep running: a DFS started again adopts them
  }

  /** A pid file's content: the node process's pid and start time. */
  private record Recorded(long pid, Instant started) {

    static Optional<Recorded> read(Path file) {
      try {
        String[] fields = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
        return Optional.of(new Recorded(Long.parseLong(fields[0]),
            Instant.ofEpochMilli(Long.parseLong(fields[1]))));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    /** The process, when it still runs and is the one recorded (not a reuse of its pid). */
    Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle ->
          handle.info().startInstant()
              .map(start -> start.toEpochMilli() == started.toEpochMilli()).orElse(true));
    }
  }
}
