/**
 * The Impetus queue: the one place that holds state. {@link io.impetus.queue.QueueServer} embeds
 * it; {@link io.impetus.queue.QueueDaemon} runs it from the command line.
 */
@NullMarked
package io.impetus.queue;

import org.jspecify.annotations.NullMarked;
