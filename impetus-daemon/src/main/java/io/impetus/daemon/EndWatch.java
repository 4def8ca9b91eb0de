package io.impetus.daemon;

import java.util.concurrent.CompletableFuture;
import org.apache.commons.daemon.DaemonContext;
import org.slf4j.LoggerFactory;

/**
 * Under jsvc, stops a daemon that ends by itself (a node that its queue refused), as
 * {@link Foreground} does otherwise: jsvc only stops a daemon on a signal, so when the daemon
 * reports its own end, jsvc is asked to fail, which makes it call {@code stop()} and
 * {@code destroy()}, delete the pid file and exit. The request runs on a thread of its own, never
 * on the thread that reported the end, since {@code stop()} may wait for that thread.
 */
final class EndWatch {

  private EndWatch() {}

  /**
   * Stops the daemon through jsvc once {@code endedByItself} completes.
   *
   * @param name the command's name, for messages
   * @param context jsvc's context, whose controller stops the daemon
   * @param endedByItself completed by the daemon when it ended without being asked to stop
   */
  static void start(String name, DaemonContext context, CompletableFuture<?> endedByItself) {
    endedByItself.whenComplete((value, error) -> {
      Thread stopper = new Thread(() -> {
        LoggerFactory.getLogger(EndWatch.class).error("{} ended by itself; stopping", name);
        context.getController().fail(name + " ended by itself");
      }, name + "-end-watch");
      stopper.setDaemon(true);
      stopper.start();
    });
  }
}
