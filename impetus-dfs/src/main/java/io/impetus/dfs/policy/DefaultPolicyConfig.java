package io.impetus.dfs.policy;

import java.time.Duration;

/**
 * The settings of {@link DefaultPolicy}. Immutable; every value is checked when the record is
 * made, and a bad one is an {@link IllegalArgumentException} that names it and its value. Build
 * one with {@link #builder()}, which starts from the defaults below (suited to EC2-like nodes that
 * take tens of seconds to boot; locally, shorter idle times are fine).
 *
 * @param minNodes nodes kept even when there is nothing to do (default 0: scale to zero)
 * @param maxNodes the most nodes, counting booting and draining ones (default 10)
 * @param slotsPerNode workers a new node runs (its capacity; default 8)
 * @param drainTarget the backlog should be worked off within this time (default 60 s): a waiting
 *     job of mean duration {@code d} asks for {@code d / drainTarget} of a worker
 * @param defaultJobDuration the job duration assumed for a stream none of whose jobs has
 *     finished yet (default 10 s)
 * @param scaleUpCooldown the least time between two starts (default 5 s); demand that appears
 *     meanwhile is met at the next start, since booting nodes count as capacity
 * @param scaleDownCooldown no drain within this time after a start, and scale-in follows the
 *     highest demand seen over this window (default 60 s)
 * @param idleTime a node must have run no job for this long before it may be drained (default
 *     10 s, one heartbeat of a node under the queue's default lease timeout)
 * @param reportAge a node is drained only when its last load report is at most this old (default
 *     2 s): the registry's load is as of the node's last heartbeat, and the older it is, the
 *     likelier the node has taken a job since
 * @param hysteresis scale-in keeps this fraction of spare workers above the demand (default 0.1);
 *     scale-out starts nodes as soon as demand exceeds capacity, so a demand between the two
 *     leaves the cluster as it is
 * @param billingPeriod when not zero, nodes are paid per period from their launch, and an idle
 *     node is retired only in the last {@code retireWindow} of a period (default zero: off)
 * @param retireWindow see {@code billingPeriod} (default 5 minutes)
 */
public record DefaultPolicyConfig(
    int minNodes, int maxNodes, int slotsPerNode, Duration drainTarget,
    Duration defaultJobDuration, Duration scaleUpCooldown, Duration scaleDownCooldown,
    Duration idleTime, Duration reportAge, double hysteresis, Duration billingPeriod,
    Duration retireWindow) {

  /** Checks every value. */
  public DefaultPolicyConfig {
    if (minNodes < 0) {
      throw new IllegalArgumentException("minNodes must be at least 0, not " + minNodes);
    }
    if (maxNodes < 1 || maxNodes < minNodes) {
      throw new IllegalArgumentException("maxNodes must be at least 1 and at least minNodes ("
          + minNodes + "), not " + maxNodes);
    }
    if (slotsPerNode < 1) {
      throw new IllegalArgumentException("slotsPerNode must be at least 1, not " + slotsPerNode);
    }
    positive("drainTarget", drainTarget);
    positive("defaultJobDuration", defaultJobDuration);
    notNegative("scaleUpCooldown", scaleUpCooldown);
    notNegative("scaleDownCooldown", scaleDownCooldown);
    notNegative("idleTime", idleTime);
    notNegative("reportAge", reportAge);
    notNegative("billingPeriod", billingPeriod);
    notNegative("retireWindow", retireWindow);
    if (!(hysteresis >= 0 && hysteresis <= 1)) {
      throw new IllegalArgumentException("hysteresis must be between 0 and 1, not " + hysteresis);
    }
    if (!billingPeriod.isZero() && (retireWindow.isZero()
        || retireWindow.compareTo(billingPeriod) > 0)) {
      throw new IllegalArgumentException("retireWindow must be more than zero and at most the"
          + " billing period " + billingPeriod + ", not " + retireWindow);
    }
  }

  /** The defaults. */
  public static DefaultPolicyConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .minNodes(minNodes).maxNodes(maxNodes).slotsPerNode(slotsPerNode)
        .drainTarget(drainTarget).defaultJobDuration(defaultJobDuration)
        .scaleUpCooldown(scaleUpCooldown).scaleDownCooldown(scaleDownCooldown)
        .idleTime(idleTime).reportAge(reportAge).hysteresis(hysteresis)
        .billingPeriod(billingPeriod).retireWindow(retireWindow);
  }

  /** Whether idle nodes are retired only near the end of a paid period. */
  public boolean billingAware() {
    return !billingPeriod.isZero();
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

  /**
   * Builds a {@link DefaultPolicyConfig}; {@link #build()} checks the values. Not thread-safe;
   * one builder per configuration.
   */
  public static final class Builder {
    private int minNodes = 0;
    private int maxNodes = 10;
    private int slotsPerNode = 8;
    private Duration drainTarget = Duration.ofSeconds(60);
    private Duration defaultJobDuration = Duration.ofSeconds(10);
    private Duration scaleUpCooldown = Duration.ofSeconds(5);
    private Duration scaleDownCooldown = Duration.ofSeconds(60);
    private Duration idleTime = Duration.ZERO;
    private Duration reportAge = Duration.ofSeconds(2);
    private double hysteresis = 0.1;
    private Duration billingPeriod = Duration.ZERO;
    private Duration retireWindow = Duration.ofMinutes(5);

    private Builder() {}

    /** See {@link DefaultPolicyConfig#minNodes()}. */
    public Builder minNodes(int value) {
      this.minNodes = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#maxNodes()}. */
    public Builder maxNodes(int value) {
      this.maxNodes = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#slotsPerNode()}. */
    public Builder slotsPerNode(int value) {
      this.slotsPerNode = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#drainTarget()}. */
    public Builder drainTarget(Duration value) {
      this.drainTarget = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#defaultJobDuration()}. */
    public Builder defaultJobDuration(Duration value) {
      this.defaultJobDuration = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#scaleUpCooldown()}. */
    public Builder scaleUpCooldown(Duration value) {
      this.scaleUpCooldown = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#scaleDownCooldown()}. */
    public Builder scaleDownCooldown(Duration value) {
      this.scaleDownCooldown = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#idleTime()}. */
    public Builder idleTime(Duration value) {
      this.idleTime = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#reportAge()}. */
    public Builder reportAge(Duration value) {
      this.reportAge = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#hysteresis()}. */
    public Builder hysteresis(double value) {
      this.hysteresis = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#billingPeriod()}; zero turns it off. */
    public Builder billingPeriod(Duration value) {
      this.billingPeriod = value;
      return this;
    }

    /** See {@link DefaultPolicyConfig#retireWindow()}. */
    public Builder retireWindow(Duration value) {
      this.retireWindow = value;
      return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} naming a bad value. */
    public DefaultPolicyConfig build() {
      return new DefaultPolicyConfig(minNodes, maxNodes, slotsPerNode, drainTarget,
          defaultJobDuration, scaleUpCooldown, scaleDownCooldown, idleTime, reportAge,
          hysteresis, billingPeriod, retireWindow);
    }
  }
}
