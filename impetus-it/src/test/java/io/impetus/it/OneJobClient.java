package io.impetus.it;

import io.impetus.client.Client;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Startup;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The smallest client: forks one job and records it; for tests about connections and input. */
class OneJobClient extends Client {

  OneJobClient(String address, @Nullable String authkey, Path taskdir, String id) {
    super(address, authkey, taskdir, id);
  }

  @Node
  static int one(int i) {
    return 1;
  }

  @Startup
  public void start() {
    fork("one", 1);
  }

  @Process
  public void stage1(List<Job> ready, List<Job> errors) {}
}
