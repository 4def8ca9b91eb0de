package io.impetus.queue.internal.stream;

import io.impetus.core.job.JobResult;
import java.util.ArrayList;
import java.util.List;

/** A client link that records every result pushed to it. */
final class RecordingClient implements ClientLink {

  final List<JobResult> results = new ArrayList<>();

  @Override
  public void sendResults(String streamId, List<JobResult> pushed) {
    results.addAll(pushed);
  }
}
