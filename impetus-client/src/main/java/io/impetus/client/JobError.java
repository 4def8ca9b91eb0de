package io.impetus.client;

/**
 * Why a job failed: the original Impetus error structure plus the Java details.
 *
 * @param error the failure's message ({@code Throwable.toString()} of the cause)
 * @param name the method of the shipped code in which it failed
 * @param linenumber the line of that method, or -1 when unknown
 * @param statement the failing frame as text ({@code Class.method(File.java:12)})
 * @param type the exception's class name
 * @param stacktrace the full stack trace
 */
public record JobError(
    String error, String name, int linenumber, String statement, String type, String stacktrace) {}
