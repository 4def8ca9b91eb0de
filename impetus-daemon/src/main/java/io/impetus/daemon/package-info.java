/**
 * What every Impetus daemon shares: logging setup and the foreground lifecycle (run attached,
 * stop on SIGTERM or when the daemon ends by itself).
 */
@NullMarked
package io.impetus.daemon;

import org.jspecify.annotations.NullMarked;
