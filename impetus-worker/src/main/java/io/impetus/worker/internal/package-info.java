/**
 * The worker JVM: fetches its stream's code bundle, loads it in its own class loader, leases
 * jobs, runs the shipped {@code @Node} methods and reports their outcomes.
 */
@NullMarked
package io.impetus.worker.internal;

import org.jspecify.annotations.NullMarked;
