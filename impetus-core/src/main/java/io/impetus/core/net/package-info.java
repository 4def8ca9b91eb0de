/**
 * Netty plumbing shared by every peer: length-prefixed framing, the Kryo message codec, the
 * HMAC-SHA256 handshake in both directions, and the client-side {@link
 * io.impetus.core.net.PeerConnection} with pipelined requests.
 */
@NullMarked
package io.impetus.core.net;

import org.jspecify.annotations.NullMarked;
