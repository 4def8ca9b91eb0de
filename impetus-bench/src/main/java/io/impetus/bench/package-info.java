/** Benchmarks: measured by commands, never asserted by tests. */
@NullMarked
package io.impetus.bench;

import org.jspecify.annotations.NullMarked;
