package io.impetus.sim;

import java.time.Duration;

/**
 * The simulated cluster's constants. Immutable; checked when made ({@link
 * IllegalArgumentException} naming the bad value). Build one with {@link #builder()}, which
 * starts from the defaults below.
 *
 * @param startup how long a node takes from launch to registering and taking jobs (default 30 s,
 *     EC2-like; 2 s is a local process)
 * @param slotsPerNode the workers a node runs (default 8)
 * @param tick how often the policy is called, the DFS loop's period (default 1 s)
 * @param heartbeat how often a node reports its load to the queue's registry (default 10 s, a
 *     third of the queue's default lease timeout); the policy sees each node's load as of its
 *     last report. Zero: the policy sees the truth at every tick
 * @param grace how long a draining node's running jobs may take before the node kills them (they
 *     go back to the queue, counted as interrupted): the grace the DFS sends with its drain
 *     (default 10 min, longer than any job of the standard traces). A policy drains nodes it saw
 *     idle, but it sees loads as of the nodes' last reports, so a node may have taken a job
 *     since: a short grace (the node's own default is 30 s) kills such a job
 * @param workerTimeout how long an idle worker waits for a job before it leaves (default 15 s, the
 *     stream's default {@code timeout}); only {@link Assignment#FIFO} looks at it
 * @param assignment which worker gets the next job (default {@link Assignment#FIFO}, as the
 *     queue did before it packed leases onto busy nodes)
 * @param tail how long the run goes on after the last job has finished, waiting for the policy
 *     to retire its nodes; nodes still up then are charged up to that point (default 10 min)
 * @param rateWindow the window over which the signals' rates are measured (default 60 s)
 */
public record SimulationConfig(
    Duration startup, int slotsPerNode, Duration tick, Duration heartbeat, Duration grace,
    Duration workerTimeout, Assignment assignment, Duration tail, Duration rateWindow) {

  /** Checks the values. */
  public SimulationConfig {
    notNegative("startup", startup);
    notNegative("heartbeat", heartbeat);
    notNegative("grace", grace);
    notNegative("workerTimeout", workerTimeout);
    notNegative("tail", tail);
    positive("tick", tick);
    positive("rateWindow", rateWindow);
    if (slotsPerNode < 1) {
      throw new IllegalArgumentException("slotsPerNode must be at least 1, not " + slotsPerNode);
    }
  }

  /** The defaults. */
  public static SimulationConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be more than zero, not " + value);
    }
  }

  private static void notNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, not " + value);
    }
  }

  /** Builds a {@link SimulationConfig}. Not thread-safe; one builder per configuration. */
  public static final class Builder {
    private Duration startup = Duration.ofSeconds(30);
    private int slotsPerNode = 8;
    private Duration tick = Duration.ofSeconds(1);
    private Duration heartbeat = Duration.ofSeconds(10);
    private Duration grace = Duration.ofMinutes(10);
    private Duration workerTimeout = Duration.ofSeconds(15);
    private Assignment assignment = Assignment.FIFO;
    private Duration tail = Duration.ofMinutes(10);
    private Duration rateWindow = Duration.ofSeconds(60);

    private Builder() {}

    /** See {@link SimulationConfig#startup()}. */
    public Builder startup(Duration value) {
      this.startup = value;
      return this;
    }

    /** See {@link SimulationConfig#slotsPerNode()}. */
    public Builder slotsPerNode(int value) {
      this.slotsPerNode = value;
      return this;
    }

    /** See {@link SimulationConfig#tick()}. */
    public Builder tick(Duration value) {
      this.tick = value;
      return this;
    }

    /** See {@link SimulationConfig#heartbeat()}. */
    public Builder heartbeat(Duration value) {
      this.heartbeat = value;
      return this;
    }

    /** See {@link SimulationConfig#grace()}. */
    public Builder grace(Duration value) {
      this.grace = value;
      return this;
    }

    /** See {@link SimulationConfig#workerTimeout()}. */
    public Builder workerTimeout(Duration value) {
      this.workerTimeout = value;
      return this;
    }

    /** See {@link SimulationConfig#assignment()}. */
    public Builder assignment(Assignment value) {
      this.assignment = value;
      return this;
    }

    /** See {@link SimulationConfig#tail()}. */
    public Builder tail(Duration value) {
      this.tail = value;
      return this;
    }

    /** See {@link SimulationConfig#rateWindow()}. */
    public Builder rateWindow(Duration value) {
      this.rateWindow = value;
      return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} naming a bad value. */
    public SimulationConfig build() {
      return new SimulationConfig(startup, slotsPerNode, tick, heartbeat, grace, workerTimeout,
          assignment, tail, rateWindow);
    }
  }
}
