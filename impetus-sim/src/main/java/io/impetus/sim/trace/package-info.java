/**
 * Job traces for the simulator: what arrives when and how long it runs. {@link
 * io.impetus.sim.trace.SyntheticTrace} generates the four standard shapes from a seed; {@link
 * io.impetus.sim.trace.CsvTraceReader} reads a recorded one.
 */
@NullMarked
package io.impetus.sim.trace;

import org.jspecify.annotations.NullMarked;
