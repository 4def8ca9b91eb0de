package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.JobContext;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import io.impetus.local.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream's data store, shared by the client and its jobs. */
class DataStoreTest {

  @TempDir Path tasks;

  /** Stores inputs by key, forks the keys; jobs read their input and write a summary back. */
  static class Summing extends Client {
    final Map<String, Object> seen = new ConcurrentHashMap<>();

    Summing(LocalCluster cluster, Path taskdir) {
      super(cluster.address(), cluster.authkey(), taskdir, "summing");
    }

    @Node
    static String sum(String key) {
      JobContext job = JobContext.current();
      @SuppressWarnings("unchecked")
      List<Integer> input = job.store().get(key, List.class);
      long sum = input.stream().mapToLong(Integer::longValue).sum();
      job.store().put("sum-of-" + key, sum);
      return job.stream() + "/" + job.attempt() + "/" + job.jobId();
    }

    @Startup
    public void start() {
      for (String key : List.of("small", "large")) {
        int size = key.equals("small") ? 10 : 200_000;
        store().put(key, new ArrayList<>(IntStream.rangeClosed(1, size).boxed().toList()));
        fork("sum", key);
      }
    }

    @Process
    public void stage1(List<Job> ready, List<Job> errors) {
      for (Job job : ready) {
        String key = (String) job.args();
        seen.put(key + "-context", job.result(String.class));
        seen.put(key, store().get("sum-of-" + key, Long.class));
        assertThat(store().remove("sum-of-" + key)).isTrue();
        seen.put(key + "-after-remove", String.valueOf(store().get("sum-of-" + key)));
      }
      errors.forEach(job -> seen.put("error", job.error().error()));
    }
  }

  @Test
  void jobsReadWhatTheClientStoredAndTheClientReadsWhatJobsStored() {
    Summing client;
    try (LocalCluster cluster = LocalCluster.start(2, Summing.class)) {
      client = new Summing(cluster, tasks);
      client.run();
    }

    assertThat(client.seen).doesNotContainKey("error");
    assertThat(client.seen.get("small")).isEqualTo(55L);
    assertThat(client.seen.get("large")).isEqualTo(200_000L * 200_001L / 2);
    assertThat(client.seen.get("small-after-remove")).isEqualTo("null");
    assertThat((String) client.seen.get("small-context")).startsWith("summing/1/");
    assertThatThrownBy(JobContext::current).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only available inside a @Node method");
  }
}
