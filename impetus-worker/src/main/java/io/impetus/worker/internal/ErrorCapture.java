package io.impetus.worker.internal;

import io.impetus.core.job.ErrorInfo;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns what a job threw into the error structure: the message, and the deepest frame of the
 * shipped code (the user's own method, not a JDK frame beneath it) as name, line and statement.
 */
final class ErrorCapture {

  private ErrorCapture() {}

  /**
   * The error structure of {@code error}, thrown while running {@code method} of a class
   * loaded by the loader named {@code loaderName}.
   */
  static ErrorInfo of(Throwable error, String method, String loaderName) {
    StackTraceElement frame = userFrame(error, loaderName);
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    String name = frame == null ? method : frame.getMethodName();
    int line = frame == null ? -1 : frame.getLineNumber();
    String statement = frame == null ? "" : frame.getClassName() + "." + frame.getMethodName()
        + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
    return new ErrorInfo(error.toString(), name, line, statement, error.getClass().getName(),
        trace.toString());
  }

  private static StackTraceElement userFrame(Throwable error, String loaderName) {
    for (StackTraceElement frame : error.getStackTrace()) {
      if (loaderName.equals(frame.getClassLoaderName())) {
        return frame;
      }
    }
    return null;
  }
}
