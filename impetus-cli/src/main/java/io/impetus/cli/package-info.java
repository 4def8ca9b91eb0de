/** The {@code impetus} command: the user's tools for task logs and, later, streams and nodes. */
@NullMarked
package io.impetus.cli;

import org.jspecify.annotations.NullMarked;
