/** How a node decides to start worker JVMs, starts them, and notices when they end. */
@NullMarked
package io.impetus.node.internal.spawn;

import org.jspecify.annotations.NullMarked;
