package io.impetus.local;

import io.impetus.client.Client;
import io.impetus.client.ImpetusException;
import io.impetus.client.PropertiesOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line an example client shares with the others, mixed into its picocli command with
 * {@code @Mixin}: the options {@code -q/--queue}, {@code -p/--qport}, {@code -a/--qauthkey},
 * {@code -t/--taskdir}, {@code -i/--id} and {@code -r/--properties} (read by {@link
 * PropertiesOption}), and {@link #run}, which runs the client against the queue of {@code -q} or,
 * without it, on a {@link LocalCluster} of its own.
 *
 * <p>An example's command is built as follows; what is its own, such as more options, stays in
 * it:
 *
 * <pre>{@code
 * @Command(name = "helloworld", mixinStandardHelpOptions = true, description = "...")
 * static final class Options implements Callable<Integer> {
 *   @Mixin ClientOptions client = new ClientOptions();
 *
 *   public Integer call() {
 *     return client.run(Helloworld.class, Helloworld::new);
 *   }
 * }
 *
 * public static void main(String[] args) {
 *   System.exit(ClientOptions.commandLine(new Options()).execute(args));
 * }
 * }</pre>
 *
 * <p>Its messages start with the command's name: a bad option is one line and status 2 (as
 * {@link #commandLine} sets it up), a run that fails one line and status 1.
 *
 * <p>Not thread-safe; picocli fills it in and one command runs it once.
 */
public final class ClientOptions {

  /** The workers per stream of the embedded node that runs the jobs when there is no {@code -q}. */
  public static final int EMBEDDED_MPPS = 5;

  /**
   * Makes the example's client once the queue is known, from what the options give: usually its
   * constructor, {@code Helloworld::new}, or a lambda that adds the example's own options.
   */
  @FunctionalInterface
  public interface ClientFactory {

    /**
     * A client of the queue at {@code address}, as {@link Client}'s constructor takes them.
     *
     * @param address the queue, {@code host:port}
     * @param authkey the queue's key, or null for {@code $IMPETUS_AUTHKEY} or the default
     * @param taskdir the directory of the task logs
     * @param id the client's id, or null for a new one
     * @param properties the stream's properties, none by default
     */
    Client create(String address, @Nullable String authkey, Path taskdir, @Nullable String id,
        Map<String, String> properties);
  }

  @Spec(Spec.Target.MIXEE)
  private @Nullable CommandSpec command;

  @Option(names = {"-q", "--queue"},
      description = "host of the queue; without it, an embedded queue and node are started")
  private @Nullable String queue;

  @Option(names = {"-p", "--qport"}, description = "port of the queue (default: 50000)")
  private int port = 50000;

  @Option(names = {"-a", "--qauthkey"}, description = "authorization key of the queue")
  private @Nullable String authkey;

  @Option(names = {"-t", "--taskdir"}, description = "task directory (default: tasks)")
  private Path taskdir = Path.of("tasks");

  @Option(names = {"-i", "--id"}, description = "client id (default: a new one)")
  private @Nullable String id;

  private Map<String, String> properties = Map.of();

  /**
   * The command line of an example's command, which mixes this class in: like {@code new
   * CommandLine(command)}, but a bad option is one line ({@code helloworld: Unknown option: '-x'
   * (see --help)}) and status 2, not the whole usage.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println(failed.getCommandName() + ": " + e.getMessage() + " (see --help)");
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    return commandLine;
  }

  /** Reads {@code -r} as it is parsed, so that a bad property is a usage error. */
  @Option(names = {"-r", "--properties"}, paramLabel = "K:V[,K:V...]",
      description = "stream properties, such as mss:1000,maxattempts:2")
  private void properties(String text) {
    try {
      properties = PropertiesOption.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec().commandLine(),
          "invalid value for option '--properties': " + e.getMessage());
    }
  }

  /**
   * Runs the client; called from the example command's {@code call()}. With {@code -q} the
   * client connects to the queue at {@code -q:-p} with the key of {@code -a}; without it, to a
   * {@link LocalCluster} started for the run (with {@value #EMBEDDED_MPPS} workers per stream)
   * and closed after it. Prints {@code My Id: <id>} before the run.
   *
   * @param clientClass the client's class, whose code must stay off the embedded node's workers'
   *     classpath (they get it as a shipped bundle)
   * @param factory makes the client
   * @return the exit status: 0, or 1 with one line {@code <name>: <message>} on the command's
   *     standard error when the client cannot be made or its run fails
   */
  public int run(Class<? extends Client> clientClass, ClientFactory factory) {
    try {
      if (queue != null) {
        return run(factory, queue + ":" + port, authkey);
      }
      try (LocalCluster cluster = LocalCluster.start(EMBEDDED_MPPS, clientClass)) {
        return run(factory, cluster.address(), cluster.authkey());
      }
    } catch (ImpetusException | IllegalArgumentException | IllegalStateException e) {
      PrintWriter err = spec().commandLine().getErr();
      err.println(spec().name() + ": " + e.getMessage());
      return 1;
    }
  }

  /** Makes the client and runs it; its output, like the client's own, goes to standard output. */
  private int run(ClientFactory factory, String address, @Nullable String key) {
    Client client = factory.create(address, key, taskdir, id, properties);
    System.out.println("My Id: " + client.id());
    client.run();
    return 0;
  }

  /** The stream's properties ({@code -r}), in the order given; none by default. */
  public Map<String, String> properties() {
    return properties;
  }

  private CommandSpec spec() {
    if (command == null) {
      throw new IllegalStateException("ClientOptions is used outside a picocli @Mixin");
    }
    return command;
  }
}
