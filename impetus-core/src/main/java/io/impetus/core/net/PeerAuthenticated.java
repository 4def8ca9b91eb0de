package io.impetus.core.net;

import io.impetus.core.protocol.PeerRole;

/**
 * The user event that {@link ServerHandshakeHandler} fires down the pipeline once a peer has
 * proven the authkey. Handlers after it may trust the peer from then on.
 *
 * @param role what kind of peer it is
 * @param peerId the name the peer gave
 */
public record PeerAuthenticated(PeerRole role, String peerId) {}
