package io.impetus.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every JMH microbenchmark runs: one short iteration of each benchmark method with each of its
 * parameters, in this JVM. Checks that they set up, run and tear down, never their scores.
 */
class MicroBenchmarksTest {

  @Test
  void everyBenchmarkRunsWithEveryParameter() throws RunnerException {
    Options options = new OptionsBuilder()
        .include(MicroBenchmarksTest.class.getPackageName() + "\\..*Bench\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(20))
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    List<String> benchmarks = results.stream()
        .map(result -> result.getParams().getBenchmark().replaceAll(".*\\.micro\\.", ""))
        .distinct().sorted().toList();
    assertThat(benchmarks).contains("FrameCodecBench.roundTrip", "JournalAppendBench.append",
        "KryoMessagesBench.deserialize", "KryoMessagesBench.serialize",
        "StreamQueueBench.submitAndLeaseAll");
    assertThat(benchmarks).anyMatch(name -> name.startsWith("TaskLogBench."));
    // methods x parameters: frame codec 3 x 2, journal 1 x 2 x 2, Kryo messages 2 x 4 x 2,
    // stream queue 1 x 2, task log 1 x 2
    assertThat(results).hasSize(6 + 4 + 16 + 2 + 2);
    assertThat(results).allSatisfy(result ->
        assertThat(result.getPrimaryResult().getScore()).isPositive());
  }
}
