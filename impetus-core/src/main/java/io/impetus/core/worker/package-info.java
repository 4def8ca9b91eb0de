/**
 * What a node and the workers it starts agree on: the worker's command line ({@link
 * io.impetus.core.worker.WorkerArguments}), the control lines on the worker's standard input and
 * output ({@link io.impetus.core.worker.ControlLine}, {@link io.impetus.core.worker.Assignment})
 * and the file through which the node sees which job runs ({@link
 * io.impetus.core.worker.JobSlot}). The node ({@code impetus-node}) writes and reads one side,
 * the worker runtime ({@code impetus-worker}) the other.
 */
@NullMarked
package io.impetus.core.worker;

import org.jspecify.annotations.NullMarked;
