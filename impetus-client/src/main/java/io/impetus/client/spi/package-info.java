/**
 * What Impetus's own runtimes use from the client library beyond its API: the worker, which runs
 * jobs, builds their {@link io.impetus.client.DataStore} with {@link
 * io.impetus.client.spi.RemoteDataStore}. Not for clients: what a client calls is in {@code
 * io.impetus.client}.
 */
@NullMarked
package io.impetus.client.spi;

import org.jspecify.annotations.NullMarked;
