package io.impetus.client.internal.session;

import java.time.Duration;

/**
 * How long a client waits for its queue and its queue's workers. Immutable.
 *
 * @param connect how long the first connection may keep failing (the queue not started yet, or
 *     dropping the handshake) before the run fails
 * @param reconnect how long the queue may be gone, once connected, before the run fails
 * @param idleWarning how long the stream's jobs may wait with no worker taking one before the
 *     client warns; zero for never
 */
public record QueueWaits(Duration connect, Duration reconnect, Duration idleWarning) {

  /** Checks the values. */
  public QueueWaits {
    if (connect.isNegative() || connect.isZero()) {
      throw new IllegalArgumentException("the connect window must be positive, not " + connect);
    }
    if (reconnect.isNegative() || reconnect.isZero()) {
      throw new IllegalArgumentException("the reconnect window must be positive, not "
          + reconnect);
    }
    if (idleWarning.isNegative()) {
      throw new IllegalArgumentException("the idle warning must not be negative, not "
          + idleWarning);
    }
  }
}
