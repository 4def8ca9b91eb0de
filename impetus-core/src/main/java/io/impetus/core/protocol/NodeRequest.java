package io.impetus.core.protocol;

/**
 * The requests a node sends: its registration, heartbeats, reports of its workers' ends, the
 * streams' backlogs, and code bundles for its cache. The queue serves a peer that authenticated in
 * this role with a session that accepts these and nothing else: any other message closes the
 * connection unread.
 */
public sealed interface NodeRequest extends Request
    permits RegisterNode, Heartbeat, WorkerExited, QueryBacklogs, GetBundle {}
