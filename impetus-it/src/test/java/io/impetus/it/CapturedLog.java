package io.impetus.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The messages logged in this JVM (queue, node, client alike) while it is open, for tests that
 * assert what the user is told. Thread-safe.
 */
final class CapturedLog implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  /** Starts capturing. */
  CapturedLog() {
    appender.start();
    root.addAppender(appender);
  }

  /** The messages so far, formatted, in the order they were logged. */
  List<String> messages() {
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
