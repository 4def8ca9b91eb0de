package io.impetus.core.protocol;

/**
 * Any message on the wire. Every implementation is an immutable record registered in {@link
 * ProtocolKryo}; an unregistered type cannot be sent or received.
 */
public interface Message {}
