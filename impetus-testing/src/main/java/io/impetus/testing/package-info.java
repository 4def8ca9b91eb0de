/**
 * What the modules' tests share: {@link io.impetus.testing.ManualClock}, the one fake clock,
 * {@link io.impetus.testing.RawPeer}, which speaks the queue's protocol by hand, and {@link
 * io.impetus.testing.Jobs}, which builds jobs with defaults for what a test does not care about.
 * Used at test scope only.
 */
@NullMarked
package io.impetus.testing;

import org.jspecify.annotations.NullMarked;
