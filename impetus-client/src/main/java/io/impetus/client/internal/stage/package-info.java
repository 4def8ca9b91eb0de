/**
 * Stages, their threads and their order, the node methods of a client class, progress, and the
 * termination rule of {@code run()}.
 */
@NullMarked
package io.impetus.client.internal.stage;

import org.jspecify.annotations.NullMarked;
