/**
 * Serialization of user objects (job arguments and results) with the class loader of the code
 * that owns them.
 */
@NullMarked
package io.impetus.core.payload;

import org.jspecify.annotations.NullMarked;
