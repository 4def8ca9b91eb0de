/** An embedded queue and node on loopback, for the demo and for tests. */
@NullMarked
package io.impetus.local;

import org.jspecify.annotations.NullMarked;
