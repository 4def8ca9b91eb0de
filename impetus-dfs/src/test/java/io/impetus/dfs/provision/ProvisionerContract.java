package io.impetus.dfs.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Provisioner} promises the DFS, run over each provider by a subclass that says
 * how to make one: launched machines are listed, each with its own node id, until terminated; a
 * second provisioner of the same cluster (a DFS started again) lists the machines of the first;
 * terminating a machine that is gone is no error. A provider added later (Kubernetes) extends this
 * class to get the same checks.
 */
public abstract class ProvisionerContract {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final List<Provisioner> made = new ArrayList<>();

  /**
   * A provisioner of the cluster under test; every call makes a new one on the same cluster, as
   * a DFS started again would.
   */
  protected abstract Provisioner newProvisioner();

  private Provisioner provisioner() {
    Provisioner provisioner = newProvisioner();
    made.add(provisioner);
    return provisioner;
  }

  @AfterEach
  void terminateEverything() {
    if (!made.isEmpty()) {
      Provisioner any = made.get(0);
      any.list().forEach(any::terminate);
    }
    made.forEach(Provisioner::close);
  }

  private static List<String> ids(List<Machine> machines) {
    return machines.stream().map(Machine::id).toList();
  }

  @Test
  void launchedMachinesAreListedEachWithItsOwnNodeId() {
    Provisioner provisioner = provisioner();

    List<Machine> launched = provisioner.launch(2);

    assertThat(launched).hasSize(2);
    assertThat(launched).extracting(Machine::nodeId).doesNotHaveDuplicates();
    assertThat(ids(provisioner.list())).containsAll(ids(launched));
  }

  @Test
  void aTerminatedMachineLeavesTheList() {
    Provisioner provisioner = provisioner();
    Machine kept = provisioner.launch(1).get(0);
    Machine gone = provisioner.launch(1).get(0);

    provisioner.terminate(gone);

    await().atMost(PATIENCE).until(() -> !ids(provisioner.list()).contains(gone.id()));
    assertThat(ids(provisioner.list())).contains(kept.id());
  }

  @Test
  void terminatingAMachineThatIsGoneIsNoError() {
    Provisioner provisioner = provisioner();
    Machine machine = provisioner.launch(1).get(0);
    provisioner.terminate(machine);
    await().atMost(PATIENCE).until(() -> !ids(provisioner.list()).contains(machine.id()));

    provisioner.terminate(machine);

    assertThat(ids(provisioner.list())).doesNotContain(machine.id());
  }

  @Test
  void aNewProvisionerOfTheSameClusterListsTheMachinesOfTheFirst() {
    Machine machine = provisioner().launch(1).get(0);

    Provisioner again = provisioner();

    assertThat(again.list()).extracting(Machine::id, Machine::nodeId)
        .contains(tuple(machine.id(), machine.nodeId()));
  }
}
