package io.impetus.client.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Gathers the ids of acknowledged results and hands them on together: the first id after a
 * hand-on schedules the next one on the delaying executor, and the ids that arrive meanwhile join
 * it, at most {@link #MAX_IDS} to a list. So results processed one by one cost one
 * acknowledgement per gathering period instead of one each.
 *
 * <p>Thread-safe.
 */
final class AckGathering {

  /** The most job ids handed on in one list. */
  static final int MAX_IDS = 1000;

  private final Executor later;
  private final Consumer<List<String>> send;
  private List<String> gathered = new ArrayList<>();

  /**
   * @param later runs the hand-on after the gathering period
   * @param send takes each list of ids, of at most {@link #MAX_IDS}
   */
  AckGathering(Executor later, Consumer<List<String>> send) {
    this.later = later;
    this.send = send;
  }

  /** Adds ids to the next hand-on, scheduling it when they are the first. */
  void add(List<String> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    boolean first;
    synchronized (this) {
      first = gathered.isEmpty();
      gathered.addAll(jobIds);
    }
    if (first) {
      later.execute(this::flush);
    }
  }

  /** Hands on every id gathered so far, now. */
  void flush() {
    List<String> jobIds;
    synchronized (this) {
      jobIds = gathered;
      gathered = new ArrayList<>();
    }
    for (int from = 0; from < jobIds.size(); from += MAX_IDS) {
      send.accept(List.copyOf(jobIds.subList(from, Math.min(jobIds.size(), from + MAX_IDS))));
    }
  }
}
