/** Finished jobs as stages see them, and their JSON records. */
@NullMarked
package io.impetus.client.internal.job;

import org.jspecify.annotations.NullMarked;
