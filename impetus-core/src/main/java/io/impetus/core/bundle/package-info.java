/**
 * Code bundles: the client's own class files packed into one deterministic archive named by its
 * SHA-256, and the class loader a worker runs them in.
 */
@NullMarked
package io.impetus.core.bundle;

import org.jspecify.annotations.NullMarked;
