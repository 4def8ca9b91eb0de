package io.impetus.client.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobIdsTest {

  private static final byte[] ARGUMENT = {1, 2, 3};

  private static List<String> startupForks(JobIds ids, int count) {
    List<String> forked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      forked.add(ids.next("start", "pow", "stage1", ARGUMENT));
    }
    return forked;
  }

  @Test
  void aStartupStageForkingTheSameJobsAgainGetsTheSameIds() {
    List<String> first = startupForks(new JobIds("client"), 3);

    assertThat(startupForks(new JobIds("client"), 3)).isEqualTo(first);
    assertThat(first).doesNotHaveDuplicates();
  }

  @Test
  void idsDependOnClientStageMethodCallbackAndArgument() {
    String base = new JobIds("client").next("start", "pow", "stage1", ARGUMENT);

    assertThat(List.of(
        new JobIds("other").next("start", "pow", "stage1", ARGUMENT),
        new JobIds("client").next("begin", "pow", "stage1", ARGUMENT),
        new JobIds("client").next("start", "sqrt", "stage1", ARGUMENT),
        new JobIds("client").next("start", "pow", "stage2", ARGUMENT),
        new JobIds("client").next("start", "pow", "stage1", new byte[] {1, 2, 4})))
        .doesNotContain(base).doesNotHaveDuplicates();
  }

  @Test
  void forksFromOtherStagesGetRandomIds() {
    JobIds ids = new JobIds("client");

    assertThat(ids.next(null, "pow", "stage2", ARGUMENT))
        .isNotEqualTo(new JobIds("client").next(null, "pow", "stage2", ARGUMENT));
  }

  @Test
  void aSmallArgumentGivesTheNameBasedUuidOfEveryPart() {
    byte[] name = "client\0start\0000\0pow\0stage1\0".getBytes(StandardCharsets.UTF_8);
    byte[] whole = Arrays.copyOf(name, name.length + ARGUMENT.length);
    System.arraycopy(ARGUMENT, 0, whole, name.length, ARGUMENT.length);

    assertThat(new JobIds("client").next("start", "pow", "stage1", ARGUMENT))
        .isEqualTo(UUID.nameUUIDFromBytes(whole).toString());
  }

  @Test
  void aLargeArgumentChangedInOneByteGivesAnotherId() {
    byte[] large = new byte[JobIds.DIGESTED * 100];
    new Random(1).nextBytes(large);
    String base = new JobIds("client").next("start", "pow", "stage1", large);
    byte[] changed = large.clone();
    changed[large.length / 2] ^= 1;
    byte[] longer = Arrays.copyOf(large, large.length + 1);

    assertThat(new JobIds("client").next("start", "pow", "stage1", large.clone())).isEqualTo(base);
    assertThat(List.of(new JobIds("client").next("start", "pow", "stage1", changed),
        new JobIds("client").next("start", "pow", "stage1", longer)))
        .doesNotContain(base).doesNotHaveDuplicates();
  }
}
