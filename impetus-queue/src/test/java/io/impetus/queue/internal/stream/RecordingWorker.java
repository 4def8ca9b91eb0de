package io.impetus.queue.internal.stream;

import io.impetus.core.job.LeasedJob;
import java.util.ArrayList;
import java.util.List;

/** A worker link that records every answer it gets. */
final class RecordingWorker implements WorkerLink {

  final List<List<LeasedJob>> leases = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  private final String name;

  RecordingWorker(String name) {
    this.name = name;
  }

  @Override
  public void sendLeased(long rid, List<LeasedJob> jobs) {
    leases.add(jobs);
  }

  @Override
  public void sendFailure(long rid, String message) {
    failures.add(message);
  }

  @Override
  public String name() {
    return name;
  }

  List<LeasedJob> lastLease() {
    return leases.get(leases.size() - 1);
  }
}
