package io.impetus.bench;

import io.impetus.client.Job;
import io.impetus.client.Node;
import java.nio.file.Path;
import java.util.Map;

/**
 * Impetus's lane: a client whose startup stage runs one workload's {@link Rounds} on its stream,
 * forking each submitted job to the {@code @Node} method that runs its {@link Work}. Its id is
 * {@code bench-<rounds' name>-<nanos>}. Run once, by {@link ImpetusPeer}.
 */
final class WorkloadClient extends RoundClient implements Lane {

  private final Rounds rounds;

  WorkloadClient(BenchTarget target, Path taskdir, Map<String, String> properties,
      Rounds rounds) {
    super(target, taskdir, "bench-" + rounds.name(), properties);
    this.rounds = rounds;
  }

  /** {@link Work#SQUARE}. */
  @Node
  static long square(int i) {
    return Work.square(i);
  }

  /** {@link Work#BURN}. */
  @Node
  static long burn(int micros) {
    return Work.burn(micros);
  }

  /** {@link Work#INVERT}. */
  @Node
  static byte[] invert(byte[] input) {
    return Work.invert(input);
  }

  @Override
  protected void rounds() throws InterruptedException {
    rounds.run(this);
  }

  @Override
  public void submit(Work work, Object argument) {
    fork(work.method(), argument);
  }

  @Override
  protected boolean correct(Job job) {
    Object argument = job.args();
    return argument != null && Work.named(job.name()).correct(argument, job.result());
  }
}
