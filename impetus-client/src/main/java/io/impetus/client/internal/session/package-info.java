/**
 * The client's connection to the queue: code upload, its stream, batched and pipelined submits,
 * result delivery and acknowledgements.
 */
@NullMarked
package io.impetus.client.internal.session;

import org.jspecify.annotations.NullMarked;
