package io.impetus.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A process table the test fills in; a terminated process ends at once. */
final class FakeProcessTable implements ProcessTable {

  private final Map<Long, String> commandLines = new ConcurrentHashMap<>();
  final List<Long> terminated = new ArrayList<>();

  FakeProcessTable with(long pid, String commandLine) {
    commandLines.put(pid, commandLine);
    return this;
  }

  @Override
  public Optional<String> commandLine(long pid) {
    return Optional.ofNullable(commandLines.get(pid));
  }

  @Override
  public boolean terminate(long pid) {
    terminated.add(pid);
    return commandLines.remove(pid) != null;
  }
}
