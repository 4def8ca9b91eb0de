package io.impetus.daemon;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.commons.daemon.DaemonContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Under jsvc, stops a daemon that ends by itself (a node that its queue refused), as
 * {@link Foreground} does otherwise: jsvc only stops a daemon on a signal, so a watcher thread
 * waits for the daemon's end and then asks jsvc to fail, which makes jsvc call {@code stop()} and
 * {@code destroy()}, delete the pid file and exit.
 *
 * <p>jsvc gives no notice of a successful {@code start()}, so the watcher checks every
 * {@link #STARTED_CHECK} until the daemon's end future exists. An end after a requested stop is
 * not reported: the daemon's supplier must return null again once {@code stop()} has begun.
 */
final class EndWatch {

  static final Duration STARTED_CHECK = Duration.ofMillis(200);

  private EndWatch() {}

  /**
   * Starts watching from a daemon thread.
   *
   * @param name the command's name, for messages
   * @param context jsvc's context, whose controller stops the daemon
   * @param ended the daemon's end future while it runs, null before its start and after its stop
   */
  static void start(String name, DaemonContext context,
      Supplier<@Nullable CompletableFuture<?>> ended) {
    Thread watcher = new Thread(() -> watch(name, context, ended), name + "-end-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void watch(String name, DaemonContext context,
      Supplier<@Nullable CompletableFuture<?>> ended) {
    try {
      CompletableFuture<?> end = ended.get();
      while (end == null) {
        Thread.sleep(STARTED_CHECK.toMillis());
        end = ended.get();
      }
      end.handle((value, error) -> null).join();
    } catch (InterruptedException e) {
      return;
    }
    if (ended.get() != null) {
      LoggerFactory.getLogger(EndWatch.class).error("{} ended by itself; stopping", name);
      context.getController().fail(name + " ended by itself");
    }
  }
}
