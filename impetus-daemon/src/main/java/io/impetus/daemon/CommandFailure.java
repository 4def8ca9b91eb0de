package io.impetus.daemon;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A lifecycle action that cannot be carried out for a reason the user can act on (an unwritable
 * directory, a daemon that would not start or stop). {@link DaemonCommand} prints the message as
 * one line after the command's name and exits with {@link #status()}; no stack trace.
 */
final class CommandFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /** A failure with exit status 1. */
  CommandFailure(String message) {
    this(message, 1);
  }

  CommandFailure(String message, int status) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  /** A short description of a file-system error, for the end of a message. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file is in the way";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException failure) {
      return failure.getReason() != null ? failure.getReason() : e.getClass().getSimpleName();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
