package io.impetus.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The sweep over job lengths: for each length, CPU-bound jobs as w2's ({@link CpuJobs}, each
 * burning that much thread CPU time) on each peer, as many as make w2's 4 s of CPU time, times
 * the scale, and at least one per worker. Its lines, one per length, give each peer's efficiency
 * and each one's overhead relative to the thread pool ({@code 1 - efficiency / pool's}); the last
 * line gives, for each peer, the break-even length: the shortest from which on (at it and at
 * every longer length swept) its overhead is under {@value #OVERHEAD_LIMIT}, or null.
 *
 * <p>Not thread-safe: the benchmark's thread measures each peer in turn, then takes the lines.
 */
final class Sweep {

  /** The overhead under which a peer breaks even. */
  static final double OVERHEAD_LIMIT = 0.10;
  /** The default lengths, in milliseconds. */
  static final String DEFAULT_LENGTHS = "0.1,0.5,1,2,5,10,20,50";
  /** The CPU time of a length's jobs at scale 1, in milliseconds: w2's, 400 × 10 ms. */
  private static final double CPU_MILLIS = 4_000;
  /** The longest job length, in milliseconds. */
  private static final double LONGEST = 60_000;

  private final List<Integer> lengthsMicros;
  private final double scale;
  private final int workers;
  private final int warmup;
  private final int runs;
  /** Each peer's efficiency at each length, in the order the peers were measured. */
  private final Map<String, double[]> efficiencies = new LinkedHashMap<>();

  /**
   * A sweep over {@code lengthsMicros} (as {@link #parse} reads them).
   *
   * @param scale multiplies the job count of each length
   */
  Sweep(List<Integer> lengthsMicros, double scale, int workers, int warmup, int runs) {
    this.lengthsMicros = List.copyOf(lengthsMicros);
    this.scale = scale;
    this.workers = workers;
    this.warmup = warmup;
    this.runs = runs;
  }

  /**
   * The job lengths of a comma-separated list of milliseconds, in microseconds, shortest first,
   * each once.
   *
   * @throws IllegalArgumentException when an item is not a number of milliseconds from 0.001
   *     to 60,000, or the list is empty
   */
  static List<Integer> parse(String millis) {
    TreeSet<Integer> micros = new TreeSet<>();
    for (String item : millis.split(",", -1)) {
      double length;
      try {
        length = Double.parseDouble(item.strip());
      } catch (NumberFormatException e) {
        length = Double.NaN;
      }
      if (!(length * 1000 >= 0.5 && length <= LONGEST)) {
        throw new IllegalArgumentException("'" + item.strip() + "' is not a job length in ms"
            + " from 0.001 to 60000; give a list such as " + DEFAULT_LENGTHS);
      }
      micros.add((int) Math.round(length * 1000));
    }
    return List.copyOf(micros);
  }

  /** How many jobs a length submits per run. */
  int jobs(int micros) {
    return (int) Math.max(workers, Math.round(scale * CPU_MILLIS * 1000 / micros));
  }

  /** Runs every length on {@code peer}, each starting from a settled peer. */
  void measure(Peer peer) throws InterruptedException {
    double[] measured = new double[lengthsMicros.size()];
    for (int i = 0; i < measured.length; i++) {
      int micros = lengthsMicros.get(i);
      System.err.printf(Locale.ROOT, "impetus bench: sweep, %s ms jobs on %s ...%n",
          millis(micros), peer.name());
      peer.settle();
      CpuJobs rounds = new CpuJobs("sweep-" + micros + "us", jobs(micros), micros, workers,
          warmup, runs);
      peer.run(rounds);
      measured[i] = ((Number) rounds.figures().get("efficiency")).doubleValue();
    }
    efficiencies.put(peer.name(), measured);
  }

  /** The line of each length, then the break-even line. */
  List<Map<String, Object>> lines() {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = 0; i < lengthsMicros.size(); i++) {
      int micros = lengthsMicros.get(i);
      Map<String, Object> line = start();
      line.put("job_ms", millis(micros));
      line.put("jobs", jobs(micros));
      for (Map.Entry<String, double[]> peer : efficiencies.entrySet()) {
        line.put(peer.getKey() + "_efficiency", Figures.rounded(peer.getValue()[i]));
      }
      for (String peer : efficiencies.keySet()) {
        if (!peer.equals("pool")) {
          Double overhead = overhead(peer, i);
          line.put(peer + "_overhead", overhead == null ? null : Figures.rounded(overhead));
        }
      }
      line.put("runs", runs);
      line.put("workers", workers);
      lines.add(line);
    }
    Map<String, Object> last = start();
    last.put("overhead_limit", OVERHEAD_LIMIT);
    for (String peer : efficiencies.keySet()) {
      if (!peer.equals("pool")) {
        last.put(peer + "_break_even_ms", breakEven(peer));
      }
    }
    last.put("job_ms", lengthsMicros.stream().map(Sweep::millis).toList());
    lines.add(last);
    return lines;
  }

  private static Map<String, Object> start() {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("peer", "ratio");
    line.put("workload", "sweep");
    return line;
  }

  /** {@code peer}'s overhead at length {@code i} relative to the pool, or null without one. */
  private @Nullable Double overhead(String peer, int i) {
    double[] pool = efficiencies.get("pool");
    if (pool == null || !(pool[i] > 0)) {
      return null;
    }
    return 1 - efficiencies.get(peer)[i] / pool[i];
  }

  private @Nullable BigDecimal breakEven(String peer) {
    BigDecimal from = null;
    for (int i = lengthsMicros.size() - 1; i >= 0; i--) {
      Double overhead = overhead(peer, i);
      if (overhead == null || overhead >= OVERHEAD_LIMIT) {
        break;
      }
      from = millis(lengthsMicros.get(i));
    }
    return from;
  }

  private static BigDecimal millis(int micros) {
    BigDecimal millis = BigDecimal.valueOf(micros, 3).stripTrailingZeros();
    return millis.scale() < 0 ? millis.setScale(0) : millis;
  }
}
