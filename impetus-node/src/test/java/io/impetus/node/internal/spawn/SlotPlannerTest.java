package io.impetus.node.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlotPlannerTest {

  private static final long QUANTUM = TimeUnit.SECONDS.toNanos(1);

  private static SlotPlanner.Demand wanting(String stream, int live, int waiting) {
    return new SlotPlanner.Demand(stream, 1, 5, live, live, 0, waiting, true);
  }

  @Test
  void streamsThatFitGetWhatTheyWantAndNobodyRetires() {
    SlotPlanner planner = new SlotPlanner(8, QUANTUM);

    SlotPlanner.Plan plan = planner.plan(List.of(wanting("a", 0, 3), wanting("b", 1, 10)), 0, 0);

    assertThat(plan.starts()).containsEntry("a", 3).containsEntry("b", 4);
    assertThat(plan.retirements()).isEmpty();
    assertThat(plan.contended()).isFalse();
  }

  @Test
  void aStreamNeverGetsMoreThanItsCap() {
    SlotPlanner planner = new SlotPlanner(8, QUANTUM);

    SlotPlanner.Plan plan = planner.plan(
        List.of(new SlotPlanner.Demand("a", 1, 2, 0, 0, 0, 100, true)), 0, 0);

    assertThat(plan.starts()).containsExactly(Map.entry("a", 2));
  }

  @Test
  void aNewStreamOnAFullNodeTakesAFairShareFromTheStreamHoldingEverySlot() {
    SlotPlanner planner = new SlotPlanner(2, QUANTUM);
    planner.plan(List.of(wanting("a", 2, 100)), 0, 0);

    SlotPlanner.Plan plan = planner.plan(
        List.of(wanting("a", 2, 100), wanting("b", 0, 100)), 0, TimeUnit.SECONDS.toNanos(5));

    assertThat(plan.retirements()).containsExactly(Map.entry("a", 1));
    assertThat(plan.starts()).isEmpty();
    assertThat(plan.contended()).isTrue();
  }

  @Test
  void aWorkerAlreadyLeavingFreesTheSlotSoNoOtherRetires() {
    SlotPlanner planner = new SlotPlanner(2, QUANTUM);
    planner.plan(List.of(wanting("a", 2, 100)), 0, 0);

    SlotPlanner.Plan plan = planner.plan(
        List.of(wanting("a", 1, 100), wanting("b", 0, 100)), 1, TimeUnit.SECONDS.toNanos(5));

    assertThat(plan.retirements()).isEmpty();
    assertThat(plan.starts()).isEmpty();
  }

  @Test
  void idleWorkersOfAStreamWithoutWaitingJobsGiveWayOnlyWhenAnotherStreamNeedsTheSlot() {
    SlotPlanner planner = new SlotPlanner(4, QUANTUM);
    SlotPlanner.Demand idle = new SlotPlanner.Demand("a", 1, 5, 2, 0, 0, 0, true);

    assertThat(planner.plan(List.of(idle), 0, 0).retirements()).isEmpty();
    SlotPlanner.Plan plan = planner.plan(List.of(idle, wanting("b", 0, 3)), 0, 1);

    assertThat(plan.starts()).containsExactly(Map.entry("b", 2));
    assertThat(plan.retirements()).containsExactly(Map.entry("a", 1));
  }

  @Test
  void aStartingWorkerTakesTheFirstWaitingJobsSoNoSecondStarts() {
    SlotPlanner planner = new SlotPlanner(4, QUANTUM);

    SlotPlanner.Plan one = planner.plan(
        List.of(new SlotPlanner.Demand("a", 1, 5, 1, 0, 1, 1, true)), 0, 0);
    SlotPlanner.Plan more = planner.plan(
        List.of(new SlotPlanner.Demand("a", 1, 5, 1, 0, 1, 3, true)), 0, 1);

    assertThat(one.starts()).isEmpty();
    assertThat(more.starts()).containsExactly(Map.entry("a", 2));
  }

  @Test
  void aStreamThatMayNotStartYetIsGivenNoStart() {
    SlotPlanner planner = new SlotPlanner(4, QUANTUM);

    SlotPlanner.Plan plan = planner.plan(
        List.of(new SlotPlanner.Demand("a", 1, 5, 0, 0, 0, 10, false)), 0, 0);

    assertThat(plan.starts()).isEmpty();
  }

  @Test
  void twentyStreamsOnTwoSlotsTakeTurns() {
    Simulation simulation = new Simulation(2, 100);
    for (int i = 0; i < 20; i++) {
      simulation.stream("s" + i, 1);
    }

    simulation.run(TimeUnit.SECONDS.toNanos(60));

    double fair = 2 * 60.0 / 20;
    assertThat(simulation.slotSeconds()).hasSize(20).allSatisfy((stream, seconds) ->
        assertThat(seconds).as(stream).isBetween(0.7 * fair, 1.3 * fair));
  }

  @Test
  void slotTimeFollowsTheWeights() {
    Simulation simulation = new Simulation(1, 50);
    simulation.stream("heavy", 2);
    simulation.stream("light", 1);

    simulation.run(TimeUnit.SECONDS.toNanos(60));

    Map<String, Double> seconds = simulation.slotSeconds();
    assertThat(seconds.get("heavy") / seconds.get("light")).isBetween(1.6, 2.4);
  }

  @Test
  void streamsThatFitKeepTheirWorkersWithoutTurns() {
    Simulation simulation = new Simulation(4, 100);
    simulation.stream("a", 1);
    simulation.stream("b", 1);

    simulation.run(TimeUnit.SECONDS.toNanos(20));

    assertThat(simulation.retirements()).isZero();
    assertThat(simulation.slotSeconds().get("a")).isGreaterThan(19.0);
  }

  /**
   * Streams with endless work on a node: each step asks the planner, starts the workers it says
   * at once, and lets retiring workers leave when their current job ends.
   */
  private static final class Simulation {
    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(10);

    private final SlotPlanner planner;
    private final long jobNanos;
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final Map<String, List<Worker>> workers = new LinkedHashMap<>();
    private final Map<String, Double> slotSeconds = new LinkedHashMap<>();
    private int retirements;

    Simulation(int capacity, long jobMillis) {
      this.planner = new SlotPlanner(capacity, QUANTUM);
      this.jobNanos = TimeUnit.MILLISECONDS.toNanos(jobMillis);
    }

    void stream(String name, double weight) {
      weights.put(name, weight);
      workers.put(name, new ArrayList<>());
      slotSeconds.put(name, 0.0);
    }

    void run(long nanos) {
      for (long now = 0; now < nanos; now += STEP) {
        List<SlotPlanner.Demand> demands = new ArrayList<>();
        int leaving = 0;
        for (Map.Entry<String, List<Worker>> entry : workers.entrySet()) {
          int live = (int) entry.getValue().stream().filter(worker -> !worker.retiring).count();
          leaving += entry.getValue().size() - live;
          demands.add(new SlotPlanner.Demand(entry.getKey(), weights.get(entry.getKey()), 5,
              live, live, 0, 1_000, true));
        }
        SlotPlanner.Plan plan = planner.plan(demands, leaving, now);
        plan.retirements().forEach((stream, count) -> {
          workers.get(stream).stream().filter(worker -> !worker.retiring).limit(count)
              .forEach(worker -> worker.retiring = true);
          retirements += count;
        });
        plan.starts().forEach((stream, count) -> {
          for (int i = 0; i < count; i++) {
            workers.get(stream).add(new Worker());
          }
        });
        for (Map.Entry<String, List<Worker>> entry : workers.entrySet()) {
          slotSeconds.merge(entry.getKey(), entry.getValue().size() * STEP / 1e9, Double::sum);
          entry.getValue().removeIf(worker -> worker.step(STEP, jobNanos));
        }
      }
    }

    Map<String, Double> slotSeconds() {
      return slotSeconds;
    }

    int retirements() {
      return retirements;
    }
  }

  /** A simulated worker: runs jobs back to back, leaves after the current one when retiring. */
  private static final class Worker {
    private long intoJob;
    private boolean retiring;

    /** Runs for {@code nanos}; true when the worker leaves. */
    boolean step(long nanos, long jobNanos) {
      intoJob += nanos;
      if (intoJob < jobNanos) {
        return false;
      }
      intoJob -= jobNanos;
      return retiring;
    }
  }
}
