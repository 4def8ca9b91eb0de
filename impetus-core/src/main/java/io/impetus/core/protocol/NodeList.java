package io.impetus.core.protocol;

import java.util.List;

/**
 * The answer to {@link ListNodes}: every registered node.
 *
 * @param rid the request id
 * @param nodes the registered nodes, in no particular order
 */
public record NodeList(long rid, List<NodeStatus> nodes) implements Reply {}
