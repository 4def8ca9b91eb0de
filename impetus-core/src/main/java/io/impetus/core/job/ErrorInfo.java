package io.impetus.core.job;

import java.util.Objects;

/**
 * Why a job failed, in the original Impetus error structure plus the Java details.
 *
 * @param error the failure's message ({@code Throwable.toString()} of the cause)
 * @param name the method in which it failed: the deepest frame of the user's shipped code
 * @param linenumber that frame's line number, or -1 when unknown
 * @param statement that frame as text ({@code Class.method(File.java:12)})
 * @param type the exception's class name
 * @param stacktrace the full stack trace
 */
public record ErrorInfo(
    String error, String name, int linenumber, String statement, String type, String stacktrace) {

  /** Checks that no field is null. */
  public ErrorInfo {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stacktrace, "stacktrace");
  }

  /** An error raised by Impetus itself rather than by a frame of user code. */
  public static ErrorInfo ofSystem(String name, String error) {
    return new ErrorInfo(error, name, -1, "", "io.impetus.SystemError", "");
  }
}
