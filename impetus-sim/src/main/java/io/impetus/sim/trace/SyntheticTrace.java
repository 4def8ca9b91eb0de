package io.impetus.sim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The four standard traces, each generated from a seed with {@link Random} (whose sequence Java
 * specifies), so a seed gives the same jobs on every JVM. Durations are rounded to the
 * millisecond (at least 1 ms). "Poisson" arrivals have exponential gaps.
 */
public enum SyntheticTrace {

  /** One hour of Poisson arrivals at 1.5 jobs/s; durations exponential, mean 20 s. */
  STEADY("1 h, Poisson 1.5 jobs/s, durations exponential mean 20 s") {
    @Override
    List<TraceJob> jobs(Random random) {
      List<TraceJob> jobs = new ArrayList<>();
      for (double t = gap(random, 1.5); t < 3600; t += gap(random, 1.5)) {
        jobs.add(job(t, exponential(random, 20)));
      }
      return jobs;
    }
  },

  /**
   * Two hours of bursts and silence: every 15 minutes from 60 s on (8 bursts), 400 jobs arrive at
   * uniformly random times within 60 s; durations uniform between 10 and 50 s. Nothing arrives
   * between bursts.
   */
  BURSTY("2 h, 8 bursts of 400 jobs within 60 s every 15 min, nothing between;"
      + " durations uniform 10-50 s") {
    @Override
    List<TraceJob> jobs(Random random) {
      List<TraceJob> jobs = new ArrayList<>();
      for (int burst = 0; burst < 8; burst++) {
        double start = 60 + 900.0 * burst;
        for (int i = 0; i < 400; i++) {
          jobs.add(job(start + 60 * random.nextDouble(), uniform(random, 10, 50)));
        }
      }
      return jobs;
    }
  },

  /**
   * Four hours, two compressed "days" of two hours: Poisson arrivals at {@code 0.05 + 1.95 (1 -
   * cos(2 pi t / 7200)) / 2} jobs/s, from 0.05/s at 0, 2 h and 4 h to 2/s at 1 h and 3 h;
   * durations exponential, mean 30 s.
   */
  DIURNAL("4 h, Poisson 0.05 to 2 jobs/s and back every 2 h, durations exponential mean 30 s") {
    @Override
    List<TraceJob> jobs(Random random) {
      List<TraceJob> jobs = new ArrayList<>();
      double peak = 2.0;
      for (double t = gap(random, peak); t < 4 * 3600; t += gap(random, peak)) {
        double rate = 0.05 + 1.95 * (1 - Math.cos(2 * Math.PI * t / 7200)) / 2;
        if (random.nextDouble() < rate / peak) { // thinning
          jobs.add(job(t, exponential(random, 30)));
        }
      }
      return jobs;
    }
  },

  /**
   * One hour of Poisson arrivals at 0.3 jobs/s, and 2,000 more jobs submitted at once at 20
   * minutes; all durations uniform between 5 and 25 s.
   */
  SPIKE("1 h, Poisson 0.3 jobs/s plus 2,000 jobs at once at 20 min; durations uniform 5-25 s") {
    @Override
    List<TraceJob> jobs(Random random) {
      List<TraceJob> jobs = new ArrayList<>();
      for (double t = gap(random, 0.3); t < 3600; t += gap(random, 0.3)) {
        jobs.add(job(t, uniform(random, 5, 25)));
      }
      for (int i = 0; i < 2000; i++) {
        jobs.add(job(1200, uniform(random, 5, 25)));
      }
      return jobs;
    }
  };

  private final String description;

  SyntheticTrace(String description) {
    this.description = description;
  }

  /** The trace for this seed, named after the shape ({@code steady}, ...). */
  public Trace generate(long seed) {
    return new Trace(label(), jobs(new Random(seed)));
  }

  /** The shape's name in lower case, as the command line spells it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One line describing the arrivals and durations. */
  public String description() {
    return description;
  }

  abstract List<TraceJob> jobs(Random random);

  private static double gap(Random random, double rate) {
    return exponential(random, 1 / rate);
  }

  private static double exponential(Random random, double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  private static double uniform(Random random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  private static TraceJob job(double arrivalSeconds, double durationSeconds) {
    return new TraceJob(Math.round(arrivalSeconds * 1000),
        Math.max(1, Math.round(durationSeconds * 1000)));
  }
}
