/**
 * The control channel between a node and each worker it starts: the worker's standard output
 * carries marked control lines amid its ordinary output, its standard input the node's commands.
 */
@NullMarked
package io.impetus.node.internal.control;

import org.jspecify.annotations.NullMarked;
