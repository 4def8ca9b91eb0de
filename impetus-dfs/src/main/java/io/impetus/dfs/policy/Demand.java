package io.impetus.dfs.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The workers the streams ask for at one tick, by {@link DefaultPolicy}'s rules. For a stream
 * with {@code waiting} jobs, arrival rate {@code λ} and mean job duration {@code d} (the config's
 * default while unknown), and the drain target {@code T}:
 *
 * <ul>
 *   <li>keeping up with arrivals takes {@code λ·d} workers (Little's law: a stream that keeps up
 *       with a high rate has few jobs waiting, yet needs {@code λ·d} workers busy);
 *   <li>working off the backlog within {@code T} while keeping up takes {@code waiting·d/T} more,
 *       but never more than one worker per waiting job;
 *   <li>so the stream asks for {@code λ·d + min(waiting, waiting·d/T)} workers, and for {@code
 *       ceil(workers / c)} nodes when one node runs at most {@code c} of its workers.
 * </ul>
 *
 * Running jobs are not counted on their own: they hold workers that are already there, and
 * their rate is in {@code λ}.
 *
 * Immutable.
 *
 * @param workers the workers all streams ask for
 * @param keepUp the part of {@code workers} that keeps up with arrivals
 * @param backlogWork the work waiting, in worker-seconds ({@code Σ waiting·d})
 * @param nodesForStreams the nodes the most demanding stream needs given its per-node limit
 * @param summary the demand in words, for a decision's reason
 */
record Demand(
    double workers, double keepUp, double backlogWork, int nodesForStreams, String summary) {

  /** Below this, a computed demand is rounding noise. */
  private static final double EPSILON = 1e-9;

  /** Computes the demand of these streams under this configuration. */
  static Demand of(List<StreamSignals> streams, DefaultPolicyConfig config) {
    double workers = 0;
    double keepUp = 0;
    double backlogWork = 0;
    int nodes = 0;
    double target = config.drainTarget().toMillis() / 1000.0;
    double defaultSeconds = config.defaultJobDuration().toMillis() / 1000.0;
    List<StreamDemand> parts = new ArrayList<>();
    for (StreamSignals stream : streams) {
      double d = stream.meanJobSeconds() > 0 ? stream.meanJobSeconds() : defaultSeconds;
      double streamKeepUp = stream.arrivalRate() * d;
      double streamWorkers =
          streamKeepUp + Math.min(stream.waiting(), stream.waiting() * d / target);
      int perNode = stream.slotsPerNode() > 0
          ? Math.min(stream.slotsPerNode(), config.slotsPerNode())
          : config.slotsPerNode();
      workers += streamWorkers;
      keepUp += streamKeepUp;
      backlogWork += stream.waiting() * d;
      nodes = Math.max(nodes, ceil(streamWorkers / perNode));
      if (streamWorkers > EPSILON) {
        parts.add(new StreamDemand(stream, d, streamWorkers));
      }
    }
    return new Demand(workers, keepUp, backlogWork, nodes, summary(parts));
  }

  /** The nodes of {@code slots} workers this demand needs. */
  int nodes(int slots) {
    return Math.max(ceil(workers / slots), nodesForStreams);
  }

  /** {@code ceil} that ignores floating-point noise just above an integer. */
  static int ceil(double value) {
    return (int) Math.ceil(value - EPSILON);
  }

  private static String summary(List<StreamDemand> parts) {
    if (parts.isEmpty()) {
      return "no demand";
    }
    parts.sort(Comparator.comparingDouble(StreamDemand::workers).reversed()
        .thenComparing(part -> part.stream().streamId()));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(3, parts.size()); i++) {
      StreamDemand part = parts.get(i);
      StreamSignals s = part.stream();
      text.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT,
          "%s: %d waiting, %d running, %.2f/s x %.1f s -> %.1f workers", s.streamId(),
          s.waiting(), s.running(), s.arrivalRate(), part.seconds(), part.workers()));
    }
    if (parts.size() > 3) {
      text.append("; ").append(parts.size() - 3).append(" more streams");
    }
    return text.toString();
  }

  /**
   * One stream's share of the demand, for the summary.
   *
   * @param stream the stream's signals
   * @param seconds the job duration used for it
   * @param workers the workers it asks for
   */
  private record StreamDemand(StreamSignals stream, double seconds, double workers) {}
}
