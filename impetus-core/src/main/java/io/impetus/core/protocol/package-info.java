/**
 * The wire protocol between clients, nodes, workers and the queue: immutable message records and
 * the one Kryo configuration that serializes them. Nothing here touches a socket.
 */
@NullMarked
package io.impetus.core.protocol;

import org.jspecify.annotations.NullMarked;
