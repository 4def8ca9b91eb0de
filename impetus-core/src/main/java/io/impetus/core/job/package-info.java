/**
 * The job data that travels between the client, the queue and the workers. Arguments and results
 * are opaque bytes here: only the client and the worker deserialize them.
 */
@NullMarked
package io.impetus.core.job;

import org.jspecify.annotations.NullMarked;
