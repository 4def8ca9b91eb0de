/**
 * An embedded queue and node on loopback, for the demo and for tests ({@link LocalCluster}), and
 * the command line the examples share, which runs a client on one ({@link ClientOptions}).
 */
@NullMarked
package io.impetus.local;

import org.jspecify.annotations.NullMarked;
