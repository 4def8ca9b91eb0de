/** Finding and packing the client's own code into a code bundle. */
@NullMarked
package io.impetus.client.internal.code;

import org.jspecify.annotations.NullMarked;
