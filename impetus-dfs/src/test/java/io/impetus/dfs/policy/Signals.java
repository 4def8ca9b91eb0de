package io.impetus.dfs.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test data: {@code aCluster().at(60).stream(...).ready(...).build()}. */
final class Signals {

  private long now;
  private Duration startup = Duration.ofSeconds(30);
  private final List<StreamSignals> streams = new ArrayList<>();
  private final List<NodeSignals> nodes = new ArrayList<>();

  static Signals aCluster() {
    return new Signals();
  }

  Signals at(long seconds) {
    now = seconds * 1000;
    return this;
  }

  Signals startup(long seconds) {
    startup = Duration.ofSeconds(seconds);
    return this;
  }

  /** A stream with a backlog, a rate and a known mean duration. */
  Signals stream(String id, int waiting, int running, double rate, double meanSeconds) {
    streams.add(new StreamSignals(id, waiting, running, rate, rate, meanSeconds, 0));
    return this;
  }

  Signals stream(StreamSignals stream) {
    streams.add(stream);
    return this;
  }

  /** A ready node of 8 slots, launched at 0, that last ran a job {@code idleSeconds} ago. */
  Signals ready(String id, int busy, long idleSeconds) {
    nodes.add(new NodeSignals(id, NodeState.READY, 8, busy, 0, now - idleSeconds * 1000, now));
    return this;
  }

  Signals node(NodeSignals node) {
    nodes.add(node);
    return this;
  }

  Signals booting(String id) {
    nodes.add(new NodeSignals(id, NodeState.BOOTING, 8, 0, now, now, now));
    return this;
  }

  Signals draining(String id, int busy) {
    nodes.add(new NodeSignals(id, NodeState.DRAINING, 8, busy, 0, now, now));
    return this;
  }

  ClusterSignals build() {
    return new ClusterSignals(now, streams, nodes, startup);
  }
}
