/**
 * The Impetus node: registers with the queue and spawns worker JVMs for streams with waiting
 * jobs. {@link io.impetus.node.NodeServer} embeds it; {@link io.impetus.node.NodeDaemon} runs it
 * from the command line.
 */
@NullMarked
package io.impetus.node;

import org.jspecify.annotations.NullMarked;
