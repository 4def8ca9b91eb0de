/** The task logs: one base64(zlib(json)) line per job in <taskdir>/<id>/<stage>.ok and .err. */
@NullMarked
package io.impetus.client.internal.log;

import org.jspecify.annotations.NullMarked;
