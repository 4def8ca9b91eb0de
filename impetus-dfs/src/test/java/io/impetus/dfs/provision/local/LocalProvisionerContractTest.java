package io.impetus.dfs.provision.local;

import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.dfs.provision.ProvisionerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link io.impetus.dfs.provision.Provisioner} contract, kept by the local provider. Its
 * "node" processes are a stand-in {@code java} that ignores its arguments and sleeps until it is
 * stopped: the contract is about machines, not about what runs on them.
 */
class LocalProvisionerContractTest extends ProvisionerContract {

  @TempDir Path dir;
  private Path java;

  @BeforeEach
  void standInJava() throws IOException {
    java = dir.resolve("java");
    Files.writeString(java, "#!/bin/sh\nexec sleep 600\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
  }

  @Override
  protected LocalProvisioner newProvisioner() {
    return new LocalProvisioner(new LocalOptions(new HostAndPort("127.0.0.1", 50000),
        Authkey.of("contract-key"), 2, 0, java, "unused.jar", dir.resolve("nodes"), List.of()));
  }
}
