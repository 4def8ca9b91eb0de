package io.impetus.examples.helloworld;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import io.impetus.local.ClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    return ClientOptions.commandLine(new Options());
  }

  /** The original's client options, which are those every example shares. */
  @Command(name = "helloworld", mixinStandardHelpOptions = true,
      description = "Forks pow(0..99) and adds up the results.")
  static final class Options implements Callable<Integer> {

    @Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
      return client.run(Helloworld.class, Helloworld::new);
    }
  }
}
