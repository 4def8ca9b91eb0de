/**
 * The task-log format, for programs that read or write task logs: {@code
 * <taskdir>/<client id>/<stage>.ok} and {@code .err}, one finished job a line, each line {@code
 * base64(zlib(json))} as in the original Impetus ({@link io.impetus.client.tasklog.LogLine}),
 * read a file at a time with {@link io.impetus.client.tasklog.TaskLogReader}; the JSON record's
 * fields are named in {@link io.impetus.client.tasklog.TaskRecord}. The client writes them, {@code
 * impetus logs} prints them.
 */
@NullMarked
package io.impetus.client.tasklog;

import org.jspecify.annotations.NullMarked;
