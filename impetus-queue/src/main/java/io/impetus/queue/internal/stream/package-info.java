/**
 * The queue's state: streams with their priority queues, leases and finished results, the code
 * bundle store and the node registry. Free of Netty: peers appear as the link interfaces, time
 * as an injected clock and scheduler, so that tests drive it without sockets.
 */
@NullMarked
package io.impetus.queue.internal.stream;

import org.jspecify.annotations.NullMarked;
