package io.impetus.core.protocol;

/** A message the queue sends without being asked (results, backlog notices). */
public interface Push extends Message {}
