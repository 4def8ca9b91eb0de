package io.impetus.bench.micro;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.SubmitJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Jobs and protocol messages shaped like a real workload's: UUID-length ids, a fully qualified
 * class name, a SHA-256 code hash, a 32-byte argument and an 8-byte result. The same count always
 * gives equal values, so runs are comparable. Every method returns new objects.
 */
final class Fixtures {

  /**
   * The JVM option that gives each forked benchmark JVM this package's {@code logback.xml}
   * (warnings and errors only) instead of Logback's default, which prints Netty's DEBUG lines.
   */
  static final String QUIET_LOGGING =
      "-Dlogback.configurationFile=io/impetus/bench/micro/logback.xml";

  /** The stream (and client) id the fixtures use. */
  static final String STREAM = "3f2b8c1e-6d4a-4e9b-9a7f-0c5d2e8b1a64";

  private static final String CLASS_NAME = "io.impetus.examples.helloworld.HelloWorld";
  private static final String CODE_HASH =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final long CREATED = 1_700_000_000_000L;
  private static final int PRIORITIES = 4;

  private Fixtures() {}

  /** {@code count} jobs with ids {@code job-0...}, priorities spread pseudo-randomly over 0..3. */
  static List<JobSpec> specs(int count) {
    Random random = new Random(count);
    List<JobSpec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      specs.add(new JobSpec(id(i), "pow", CLASS_NAME, CODE_HASH, bytes(32, i),
          random.nextInt(PRIORITIES), 0, "stage1", CREATED + i, Map.of()));
    }
    return specs;
  }

  /** The jobs of {@link #specs} as a worker leases them, on their first attempt. */
  static List<LeasedJob> leased(int count) {
    List<LeasedJob> leased = new ArrayList<>(count);
    for (JobSpec spec : specs(count)) {
      leased.add(new LeasedJob(spec.id(), epoch(spec), 1, spec.name(), spec.className(),
          spec.codeHash(), spec.args(), 0));
    }
    return leased;
  }

  /** A successful outcome for each job of {@link #specs}. */
  static List<JobOutcome> outcomes(int count) {
    List<JobOutcome> outcomes = new ArrayList<>(count);
    for (JobSpec spec : specs(count)) {
      outcomes.add(outcome(spec));
    }
    return outcomes;
  }

  /** Each job of {@link #specs} finished with its outcome, as the client receives it. */
  static List<JobResult> results(int count) {
    List<JobResult> results = new ArrayList<>(count);
    for (JobSpec spec : specs(count)) {
      results.add(new JobResult(spec, outcome(spec), 1));
    }
    return results;
  }

  /**
   * One of the job path's main messages carrying {@code count} jobs.
   *
   * @param type {@code SubmitJobs}, {@code LeasedJobs}, {@code CompleteJobs} or {@code
   *     JobResults}
   */
  static Message message(String type, int count) {
    return switch (type) {
      case "SubmitJobs" -> new SubmitJobs(1, STREAM, specs(count));
      case "LeasedJobs" -> new LeasedJobs(1, leased(count));
      case "CompleteJobs" -> new CompleteJobs(1, STREAM, outcomes(count));
      case "JobResults" -> new JobResults(STREAM, results(count));
      default -> throw new IllegalArgumentException("no such message: " + type);
    };
  }

  private static JobOutcome outcome(JobSpec spec) {
    return new JobOutcome(spec.id(), epoch(spec), bytes(8, spec.id().hashCode()), null,
        spec.createdMillis() + 5, spec.createdMillis() + 12, "node-1", "node-1/4242");
  }

  private static long epoch(JobSpec spec) {
    return (1L << 32) + spec.createdMillis() - CREATED;
  }

  private static String id(int index) {
    return String.format("job-%032d", index);
  }

  private static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
