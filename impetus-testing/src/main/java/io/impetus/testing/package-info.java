/**
 * What the modules' tests share: {@link io.impetus.testing.ManualClock}, the one fake clock, and
 * {@link io.impetus.testing.RawPeer}, which speaks the queue's protocol by hand. Used at test
 * scope only.
 */
@NullMarked
package io.impetus.testing;

import org.jspecify.annotations.NullMarked;
