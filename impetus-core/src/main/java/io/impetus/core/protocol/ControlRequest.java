package io.impetus.core.protocol;

/**
 * The requests a control peer (the DFS, the operator's tools) sends: the nodes, the streams, and
 * draining a node. The queue serves a peer that authenticated in this role with a session that
 * accepts these and nothing else: any other message closes the connection unread.
 */
public sealed interface ControlRequest extends Request
    permits ListNodes, DrainNode, ListStreams {}
