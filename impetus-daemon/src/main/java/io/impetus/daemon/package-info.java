/**
 * What every Impetus daemon shares: logging setup and the lifecycle ({@link
 * io.impetus.daemon.DaemonCommand}: {@code start | stop | restart | foreground} with pid and log
 * files, through jsvc or a detached JVM).
 */
@NullMarked
package io.impetus.daemon;

import org.jspecify.annotations.NullMarked;
