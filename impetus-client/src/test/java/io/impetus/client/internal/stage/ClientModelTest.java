package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientModelTest {

  /** Declares its stages out of alphabetical order, with unrelated methods between them. */
  static class Pipeline extends Client {
    Pipeline() {
      super("localhost:1", "k", Path.of("."), "p");
    }

    @Node
    static int square(int i) {
      return i * i;
    }

    @Startup
    public void zeta() {}

    void helper() {}

    @Process
    public void beta(List<Job> ready, List<Job> errors) {}

    @Process
    public void alpha(List<Job> ready, List<Job> errors) {}

    @Shutdown
    public void done(List<Job> ready, List<Job> errors, Progress progress) {}
  }

  /** Inherits the pipeline and adds a last stage. */
  static class Extended extends Pipeline {
    @Process
    public void omega(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void stagesFollowDeclarationOrderNotReflectionOrder() {
    assertThat(ClientModel.of(Pipeline.class, Client.class).stageNames())
        .containsExactly("zeta", "beta", "alpha", "done");
  }

  @Test
  void inheritedStagesComeBeforeTheSubclassesOwn() {
    assertThat(ClientModel.of(Extended.class, Client.class).pipelineStageNames())
        .containsExactly("zeta", "beta", "alpha", "omega");
  }

  /** Sets its own batch size on one stage. */
  static class SmallBatches extends Pipeline {
    @Process(batch = 3)
    public void omega(List<Job> ready, List<Job> errors) {}
  }

  @Test
  void processStageHasItsOwnBatchSizeElseAThousand() {
    assertThat(ClientModel.of(SmallBatches.class, Client.class).stages())
        .extracting(StageMethod::name, StageMethod::batch)
        .containsExactly(tuple("zeta", 1), tuple("beta", 1000), tuple("alpha", 1000),
            tuple("done", 1), tuple("omega", 3));
  }

  @Test
  void defaultCallbackIsTheNextProcessStage() {
    ClientModel model = ClientModel.of(Pipeline.class, Client.class);

    assertThat(model.defaultCallback("zeta")).isEqualTo("beta");
    assertThat(model.defaultCallback("beta")).isEqualTo("alpha");
    assertThatThrownBy(() -> model.defaultCallback("alpha"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stage alpha has no later @Process stage");
  }

  @Test
  void explicitCallbackMustNameAReceivingStage() {
    ClientModel model = ClientModel.of(Pipeline.class, Client.class);

    assertThat(model.checkCallback("alpha")).isEqualTo("alpha");
    assertThat(model.checkCallback("done")).isEqualTo("done");
    assertThatThrownBy(() -> model.checkCallback("zeta"))
        .hasMessageContaining("callback 'zeta' is not a @Process or @Shutdown stage");
    assertThatThrownBy(() -> model.checkCallback("nope"))
        .hasMessageContaining("(stages: beta, alpha, done)");
  }

  @Test
  void unknownNodeMethodListsTheKnownOnes() {
    assertThatThrownBy(() -> ClientModel.of(Pipeline.class, Client.class).nodeMethod("sqaure"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no @Node method named 'sqaure' in Pipeline (known: square)");
  }

  static class InstanceNode extends Client {
    InstanceNode() {
      super("localhost:1", "k", Path.of("."), "p");
    }

    @Node
    int square(int i) {
      return i * i;
    }

    @Startup
    public void start() {}
  }

  static class BadProcess extends Client {
    BadProcess() {
      super("localhost:1", "k", Path.of("."), "p");
    }

    @Startup
    public void start() {}

    @Process
    public void stage1(List<Job> ready) {}
  }

  static class EmptyBatch extends Client {
    EmptyBatch() {
      super("localhost:1", "k", Path.of("."), "p");
    }

    @Startup
    public void start() {}

    @Process(batch = 0)
    public void stage1(List<Job> ready, List<Job> errors) {}
  }

  static class NoStartup extends Client {
    NoStartup() {
      super("localhost:1", "k", Path.of("."), "p");
    }
  }

  @Test
  void malformedMethodsAreNamedInTheError() {
    assertThatThrownBy(() -> ClientModel.of(InstanceNode.class, Client.class))
        .hasMessage("@Node method InstanceNode.square must be static and take exactly one"
            + " parameter");
    assertThatThrownBy(() -> ClientModel.of(BadProcess.class, Client.class))
        .hasMessage("@Process method BadProcess.stage1 must be an instance method taking"
            + " (List<Job> ready, List<Job> errors)");
    assertThatThrownBy(() -> ClientModel.of(EmptyBatch.class, Client.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("@Process method EmptyBatch.stage1 has batch = 0: a batch holds at least 1"
            + " job");
    assertThatThrownBy(() -> ClientModel.of(NoStartup.class, Client.class))
        .hasMessageContaining("has no @Startup method");
  }
}
