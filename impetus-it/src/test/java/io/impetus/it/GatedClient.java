package io.impetus.it;

import io.impetus.client.Client;
import io.impetus.client.ImpetusException;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import java.nio.file.Path;
import java.util.List;

/**
 * A client that {@link QueueRestartTest} runs in a JVM of its own: forks {@code jobs} jobs that
 * return their index; those from {@code gateFrom} on first wait at the test's {@link Gate}, so
 * that they are still in flight when the test kills the queue.
 *
 * <p>{@code java io.impetus.it.GatedClient ADDRESS KEY TASKDIR ID JOBS GATE_FROM GATE_PORT}
 */
public class GatedClient extends Client {

  /** One job's argument. */
  record Task(int index, int gateFrom, int gatePort) {}

  private final int jobs;
  private final int gateFrom;
  private final int gatePort;
  private int ok;
  private int failed;

  GatedClient(String[] args) {
    super(args[0], args[1], Path.of(args[2]), args[3]);
    this.jobs = Integer.parseInt(args[4]);
    this.gateFrom = Integer.parseInt(args[5]);
    this.gatePort = Integer.parseInt(args[6]);
  }

  @Node
  static int work(Task task) {
    if (task.index() >= task.gateFrom()) {
      Gate.pass(task.gatePort());
    }
    return task.index();
  }

  @Startup
  public void start() {
    for (int i = 0; i < jobs; i++) {
      fork("work", new Task(i, gateFrom, gatePort));
    }
  }

  @Process
  public void stage1(List<Job> ready, List<Job> errors) {
    ok += ready.size();
    failed += errors.size();
  }

  @Shutdown
  public void stop(List<Job> ready, List<Job> errors, Progress progress) {
    System.out.println("recorded " + ok + " ok, " + failed + " errors");
  }

  public static void main(String[] args) {
    try {
      new GatedClient(args).run();
      System.out.println("done");
      System.exit(0);
    } catch (ImpetusException e) {
      System.err.println("gated-client: " + e.getMessage());
      System.exit(1);
    }
  }
}
