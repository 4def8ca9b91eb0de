package io.impetus.examples.helloworld;

import io.impetus.client.Client;
import io.impetus.client.ImpetusException;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.PropertiesOption;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The original Impetus example in Java: forks {@code pow} for 0..99 and adds up the squares
 * (328350). Run with {@code -q/-p/-a} against a queue, or without {@code -q} on an embedded
 * queue and node.
 */
public class Helloworld extends Client {

  private long total;
  private int failed;

  /** A helloworld client of the queue at {@code address}. */
  public Helloworld(String address, String authkey, Path taskdir, String id) {
    super(address, authkey, taskdir, id);
  }

  /** A helloworld client whose stream has these properties (as {@code -r} gives them). */
  public Helloworld(String address, String authkey, Path taskdir, String id,
      Map<String, String> properties) {
    super(address, authkey, taskdir, id, properties);
  }

  /** Runs on a worker. */
  @Node
  public static int pow(int i) {
    return i * i;
  }

  /** Forks the jobs. */
  @Startup
  public void start() {
    for (int i = 0; i < 100; i++) {
      fork("pow", i);
    }
  }

  /** Adds up the results. */
  @Process
  public void stage1(List<Job> ready, List<Job> errors) {
    for (Job job : ready) {
      total += job.result(Integer.class);
    }
    failed += errors.size();
  }

  /** Prints the outcome. */
  @Shutdown
  public void stop(List<Job> ready, List<Job> errors, Progress progress) {
    System.out.println("Total: " + total);
    System.out.println("Errors: " + failed);
    System.out.println("shutting down");
  }

  /**
   * Runs the example: {@code helloworld [-q HOST] [-p PORT] [-a KEY] [-t TASKDIR] [-i ID]
   * [-r K:V,...]}. A bad option is one line and status 2; a run that fails, one line and status 1.
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The example's command line, whose usage errors are one line each. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Options());
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      e.getCommandLine().getErr().println("helloworld: " + e.getMessage() + " (see --help)");
      return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
    });
    return commandLine;
  }

  /** The original's client options. */
  @Command(name = "helloworld", mixinStandardHelpOptions = true,
      description = "Forks pow(0..99) and adds up the results.")
  static final class Options implements Callable<Integer> {

    @Option(names = {"-q", "--queue"},
        description = "host of the queue; without it, an embedded queue and node are started")
    String queue;

    @Option(names = {"-p", "--qport"}, description = "port of the queue (default: 50000)")
    int port = 50000;

    @Option(names = {"-a", "--qauthkey"}, description = "authorization key of the queue")
    String authkey;

    @Option(names = {"-t", "--taskdir"}, description = "task directory (default: tasks)")
    Path taskdir = Path.of("tasks");

    @Option(names = {"-i", "--id"}, description = "client id (default: a new one)")
    String id;

    Map<String, String> properties = Map.of();

    @Spec CommandSpec spec;

    /** Reads {@code -r} as it is parsed, so that a bad property is a usage error. */
    @Option(names = {"-r", "--properties"}, paramLabel = "K:V[,K:V...]",
        description = "stream properties, such as mss:1000,maxattempts:2")
    void properties(String text) {
      try {
        properties = PropertiesOption.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            "invalid value for option '--properties': " + e.getMessage());
      }
    }

    @Override
    public Integer call() {
      try {
        if (queue != null) {
          return run(queue + ":" + port, authkey);
        }
        try (LocalCluster cluster = LocalCluster.start(5, Helloworld.class)) {
          return run(cluster.address(), cluster.authkey());
        }
      } catch (ImpetusException | IllegalArgumentException | IllegalStateException e) {
        System.err.println("helloworld: " + e.getMessage());
        return 1;
      }
    }

    private int run(String address, String key) {
      Helloworld client = new Helloworld(address, key, taskdir, id, properties);
      System.out.println("My Id: " + client.id());
      client.run();
      return 0;
    }
  }
}
