/**
 * The Impetus client API. Subclass {@link io.impetus.client.Client}, mark static methods
 * {@link io.impetus.client.Node @Node} (they run on workers), mark stages {@link
 * io.impetus.client.Startup @Startup}, {@link io.impetus.client.Process @Process} and {@link
 * io.impetus.client.Shutdown @Shutdown}, fork jobs from the stages and call {@link
 * io.impetus.client.Client#run()}.
 */
@NullMarked
package io.impetus.client;

import org.jspecify.annotations.NullMarked;
