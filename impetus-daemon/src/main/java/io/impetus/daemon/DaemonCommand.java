package io.impetus.daemon;

import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The lifecycle every Impetus daemon shares, mixed into its picocli command with {@code @Mixin}:
 * the {@code ACTION} parameter and the {@code -i/--piddir} and {@code -l/--logdir} options, and
 * {@link #run}, which carries the action out.
 *
 * <ul>
 *   <li>{@code start} detaches the daemon (through jsvc when installed, else a JVM of its own; see
 *       {@code IMPETUS_JSVC}) and returns once it has started: 0, or 1 with one line saying why it
 *       did not or that it already runs. Its pid goes to {@code <piddir>/<Name>.pid}, its standard
 *       output (INFO) and error (WARN and above) are appended to {@code <logdir>/<Name>.out} and
 *       {@code .err}. A stale pid file (dead or unrelated process) is removed.
 *   <li>{@code stop} sends SIGTERM and waits (up to a minute) for the daemon to drain and exit: 0
 *       when it has, or when it was not running; 1 when it did not exit.
 *   <li>{@code restart} stops the daemon if it runs, then starts a new one.
 *   <li>{@code foreground} runs the daemon attached to the terminal until SIGTERM or SIGINT (0) or
 *       until it ends by itself or cannot start (1).
 * </ul>
 *
 * <p>A missing or unknown action exits with 2 and a line listing the actions; any other user
 * error is one line on standard error, never a stack trace. The daemon class must also have the
 * {@code main} that runs the command through {@link #execute}: the detached JVM runs it with the
 * hidden action {@value #DETACHED}. Under jsvc, the daemon's {@code init} parses the same options
 * without an action and may call {@link #stopWhenEnded}.
 *
 * <p>Not thread-safe; picocli fills it in and one command runs it once.
 */
public final class DaemonCommand {

  /** The hidden action of a detached JVM: foreground, with a pid file. */
  static final String DETACHED = "detached";

  private static final String ACTIONS = "start, stop, restart or foreground";

  @Spec(Spec.Target.MIXEE)
  private @Nullable CommandSpec command;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = {
      "start: run in the background (jsvc if installed, else a detached JVM), writing"
          + " <piddir>/<Name>.pid and logging to <logdir>/<Name>.out and .err",
      "stop: stop the background daemon (SIGTERM, then wait for it to drain)",
      "restart: stop if running, then start",
      "foreground: run attached to the terminal, logging to it"})
  private @Nullable String action;

  @Option(names = {"-i", "--piddir"}, paramLabel = "DIR",
      defaultValue = "${sys:java.io.tmpdir}/impetus-${sys:user.name}",
      description = "directory of the pid file, created if missing (default: ${DEFAULT-VALUE})")
  private Path piddir = Path.of("");

  @Option(names = {"-l", "--logdir"}, paramLabel = "DIR",
      defaultValue = "${sys:java.io.tmpdir}/impetus-${sys:user.name}",
      description = "directory of the log files, created if missing (default: ${DEFAULT-VALUE})")
  private Path logdir = Path.of("");

  /**
   * Runs a daemon command from {@code main}: like {@link CommandLine#execute}, but a bad option is
   * one line ({@code impetus-queue: Unknown option: '-x' (see --help)}), not the whole usage.
   *
   * @param daemonCommand the picocli command, which mixes this class in
   * @return the exit status
   */
  public static int execute(Object daemonCommand, String[] args) {
    CommandLine commandLine = new CommandLine(daemonCommand)
        .setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println(failed.getCommandName() + ": " + e.getMessage() + " (see --help)");
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    return commandLine.execute(args);
  }

  /**
   * Carries out the action; called from the daemon command's {@code call()}.
   *
   * @param fileName the daemon's name in file names: {@code Queue}, {@code Node}, {@code Dfs}
   * @param daemon the daemon, its options parsed; started by {@code foreground} and
   *     {@value #DETACHED}
   * @param ended completes when the daemon has ended by itself; called after a successful start
   * @return the exit status
   */
  public int run(String fileName, Daemon daemon, Supplier<CompletableFuture<?>> ended) {
    String name = spec().name();
    PrintWriter err = spec().commandLine().getErr();
    if (action == null) {
      err.println(name + ": missing action (" + ACTIONS + ")");
      return 2;
    }
    try {
      return switch (action) {
        case "foreground" -> new Foreground(name, daemon, ended, err).run(null);
        case DETACHED ->
            new Foreground(name, daemon, ended, err).run(pidFile(fileName, daemon));
        case "start" -> lifecycle(fileName, daemon).start();
        case "stop" -> lifecycle(fileName, daemon).stop();
        case "restart" -> lifecycle(fileName, daemon).restart();
        default -> {
          err.println(name + ": unknown action '" + action + "' (" + ACTIONS + ")");
          yield 2;
        }
      };
    } catch (CommandFailure e) {
      err.println(name + ": " + e.getMessage());
      return e.status();
    }
  }

  /**
   * Under jsvc, stops the daemon when it ends by itself (jsvc alone would keep the JVM running);
   * called from the daemon's {@code init}.
   *
   * @param context jsvc's context
   * @param endedByItself completed by the daemon when it ends without being asked to stop
   */
  public void stopWhenEnded(DaemonContext context, CompletableFuture<?> endedByItself) {
    EndWatch.start(spec().name(), context, endedByItself);
  }

  private Lifecycle lifecycle(String fileName, Daemon daemon) {
    Path logs = absolute(logdir);
    LaunchSpec launch = new LaunchSpec(spec().name(), daemon.getClass().getName(), daemonOptions(),
        jvmOptions(), Path.of(System.getProperty("java.home")).toAbsolutePath(), classpath(),
        absolute(Path.of("")), pidFile(fileName, daemon), logs.resolve(fileName + ".out"),
        logs.resolve(fileName + ".err"), Lifecycle.START_TIMEOUT);
    return new Lifecycle(launch, () -> Detacher.forEnvironment(System.getenv()),
        ProcessTable.system(), spec().commandLine().getOut());
  }

  /** The pid file; a daemon is recognized by its class and pid directory on its command line. */
  private PidFile pidFile(String fileName, Daemon daemon) {
    Path directory = absolute(piddir);
    List<String> markers = List.of(daemon.getClass().getName(), directory.toString());
    return new PidFile(directory.resolve(fileName + ".pid"), markers, ProcessTable.system());
  }

  /**
   * The options the user gave, but the action, with the directories made absolute; as
   * {@code --name=value}, so that a value starting with '-' stays a value.
   */
  List<String> daemonOptions() {
    List<String> options = new ArrayList<>();
    for (OptionSpec option : spec().commandLine().getParseResult().matchedOptions()) {
      String name = option.longestName();
      if (name.equals("--piddir") || name.equals("--logdir") || option.usageHelp()
          || option.versionHelp()) {
        continue;
      }
      if (option.arity().max() == 0) {
        options.add(name);
        continue;
      }
      for (String value : option.originalStringValues()) {
        options.add(name + "=" + value);
      }
    }
    options.add("--piddir=" + absolute(piddir));
    options.add("--logdir=" + absolute(logdir));
    return options;
  }

  /** This JVM's options (as from {@code IMPETUS_JAVA_OPTS}) and its logging configuration. */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    options.add(DaemonLogging.jvmOption());
    return options;
  }

  private static List<Path> classpath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(absolute(Path.of(entry)));
      }
    }
    return entries;
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }

  private CommandSpec spec() {
    if (command == null) {
      throw new IllegalStateException("DaemonCommand is used outside a picocli @Mixin");
    }
    return command;
  }
}
