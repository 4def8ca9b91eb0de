/** Stages, their threads and order, the node methods of a client class, progress and the termination rule of run(). */
@NullMarked
package io.impetus.client.internal.stage;

import org.jspecify.annotations.NullMarked;
