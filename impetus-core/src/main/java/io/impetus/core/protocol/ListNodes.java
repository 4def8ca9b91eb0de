package io.impetus.core.protocol;

/**
 * Asks for the node registry (the DFS and operator tools read it). Answered by {@link NodeList}.
 *
 * @param rid the request id
 */
public record ListNodes(long rid) implements ControlRequest {}
