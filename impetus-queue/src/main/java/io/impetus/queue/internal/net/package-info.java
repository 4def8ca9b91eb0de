/**
 * The queue's Netty side: the pipeline (connection limit, framing, Kryo codec, handshake,
 * request handling) and the per-connection session that maps messages onto the queue's state.
 */
@NullMarked
package io.impetus.queue.internal.net;

import org.jspecify.annotations.NullMarked;
