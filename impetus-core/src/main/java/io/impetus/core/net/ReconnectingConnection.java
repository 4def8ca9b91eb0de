package io.impetus.core.net;

import io.impetus.core.protocol.Reply;
import io.impetus.core.protocol.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the queue that outlives its {@link PeerConnection}s. The first connection is
 * tried at once; when the queue cannot be reached or drops the connection before it is ready (it
 * is starting, or restarting), the link logs one warning and keeps trying in the background as
 * its start {@link ReconnectPolicy} says, until the queue answers: daemons and clients may start
 * in any order. When a connection drops unexpectedly later, it logs one warning and connects
 * again with back-off as its policy says. Each new connection gets the {@link Establish} hook
 * (register, re-open streams, resend what was not acknowledged) before it counts as up, and the
 * link then says so in one info line. Calls made while it is down wait for it to come back; a call
 * whose connection drops before its reply is sent again on the next one, so requests sent through
 * {@link #call} must be safe to repeat. When a policy's window passes without the queue, or the
 * queue refuses the link (a wrong key, another protocol version, a hook failure on a connection
 * that is still open), it gives up: a refusal of the first attempt is thrown by {@link #open}, any
 * later give-up goes to the give-up listener once, and then waiting and later calls fail with it.
 *
 * <p>States: up (a connection, established), down (connecting), closed (by {@link #close}),
 * failed (gave up). Thread-safe. The hook runs on the calling thread for the first attempt, then
 * on the reconnecting thread, and may block on its connection's calls (use {@link #await}); the
 * give-up listener runs on the reconnecting thread.
 */
public final class ReconnectingConnection implements QueueCaller, AutoCloseable {

  /** How long one call may wait for its reply on a live connection. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingConnection.class);

  /** Opens and authenticates a new connection; throws {@link PeerException} when it cannot. */
  @FunctionalInterface
  public interface Connector {
    /** A new connection to the queue. */
    PeerConnection connect();
  }

  /** Makes a new connection ready before anything else is sent on it. */
  @FunctionalInterface
  public interface Establish {
    /**
     * Readies {@code connection}.
     *
     * @param first whether this is the link's first connection to be established
     * @throws RuntimeException when it cannot: a dropped connection or a timeout means another
     *     attempt, and anything else means giving up ({@link #open} throws it when it is the
     *     first attempt's)
     */
    void establish(PeerConnection connection, boolean first);
  }

  /** Up: a connection, established; down: reconnecting; closed by us; failed: gave up. */
  private enum State { UP, DOWN, CLOSED, FAILED }

  private final Connector connector;
  private final ReconnectPolicy startPolicy;
  private final ReconnectPolicy policy;
  private final Establish hook;
  private final Consumer<PeerException> onGiveUp;
  private final HostAndPort address;
  private final ScheduledExecutorService reconnector;

  private State state = State.UP;
  /** Whether no connection has been established yet: the start policy applies. */
  private boolean starting;
  private @Nullable PeerConnection current;
  /** Calls waiting for the connection to come back, in the order they were made. */
  private final List<CompletableFuture<PeerConnection>> waiting = new ArrayList<>();
  private @Nullable PeerException failure;
  private long downSinceNanos;
  private int failedAttempts;

  private ReconnectingConnection(Connector connector, HostAndPort address,
      ReconnectPolicy startPolicy, ReconnectPolicy policy, Establish hook,
      Consumer<PeerException> onGiveUp, String name) {
    this.connector = connector;
    this.startPolicy = startPolicy;
    this.policy = policy;
    this.hook = hook;
    this.onGiveUp = onGiveUp;
    this.address = address;
    this.reconnector = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "impetus-reconnect-" + name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Connects and runs the hook on the first connection, on the calling thread. When the queue
   * cannot be reached, or drops the connection before it is established, the link is returned
   * down, with one warning, and keeps trying in the background as {@code startPolicy} says
   * ({@link #whenUp} tells when it is up); later losses are handled as {@code policy} says.
   *
   * @param address the queue, for messages
   * @param name names the reconnecting thread
   * @throws PeerException when the queue refuses the first attempt (a wrong key, another
   *     protocol version)
   * @throws RuntimeException whatever else the hook throws on the first attempt's open
   *     connection
   */
  public static ReconnectingConnection open(Connector connector, HostAndPort address,
      ReconnectPolicy startPolicy, ReconnectPolicy policy, Establish hook,
      Consumer<PeerException> onGiveUp, String name) {
    ReconnectingConnection link = new ReconnectingConnection(connector, address, startPolicy,
        policy, hook, onGiveUp, name);
    PeerConnection first = null;
    try {
      first = connector.connect();
      hook.establish(first, true);
    } catch (RuntimeException e) {
      boolean retry = retryable(e, first);
      if (first != null) {
        first.close();
      }
      if (!retry) {
        link.reconnector.shutdown();
        throw e;
      }
      link.waitForQueue(e);
      return link;
    }
    PeerConnection established = first;
    synchronized (link) {
      link.current = established;
    }
    established.closeFuture().thenRun(() -> link.lost(established));
    return link;
  }

  /** Whether a failed attempt is worth repeating: the queue was away, not refusing us. */
  private static boolean retryable(RuntimeException error, @Nullable PeerConnection connection) {
    if (error instanceof AuthenticationException) {
      return false;
    }
    return connection == null || !connection.isOpen()
        || ConnectionClosedException.isCause(error) || timedOut(error);
  }

  /** After a first attempt that found no queue: down, with one warning, trying again later. */
  private void waitForQueue(RuntimeException error) {
    synchronized (this) {
      state = State.DOWN;
      starting = true;
      downSinceNanos = System.nanoTime();
      failedAttempts = 1;
    }
    LOG.warn("the queue at {} is not there yet ({}); waiting for it{}", address,
        error.getMessage(), startPolicy.window() == null ? ""
            : " for up to " + describe(startPolicy.window()));
    try {
      reconnector.schedule(this::reconnect, startPolicy.delay(1).toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /**
   * Waits at most {@link #CALL_TIMEOUT} for a call's reply; for hooks.
   *
   * @throws PeerException with the queue's failure, {@link ConnectionClosedException} when the
   *     connection closed, or a {@link PeerException} caused by a {@link TimeoutException}
   */
  public static <T> T await(CompletableFuture<T> reply) {
    try {
      return reply.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw asPeerException(e.getCause());
    } catch (TimeoutException e) {
      throw new PeerException("the queue did not answer within " + CALL_TIMEOUT.toSeconds()
          + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerException("interrupted while waiting for the queue", e);
    }
  }

  /**
   * Sends a request on the current connection, waiting for one when down, and again on the next
   * connection when its own drops before the reply.
   *
   * @return completed with the reply; failed with the queue's failure, with a {@link
   *     PeerException} when the queue does not answer within {@link #CALL_TIMEOUT} of the send,
   *     with the give-up reason, or with {@link ConnectionClosedException} once closed
   */
  @Override
  public <R extends Reply> CompletableFuture<R> call(
      LongFunction<? extends Request> request, Class<R> replyType) {
    CompletableFuture<R> result = new CompletableFuture<>();
    attempt(request, replyType, result);
    return result;
  }

  private <R extends Reply> void attempt(LongFunction<? extends Request> request,
      Class<R> replyType, CompletableFuture<R> result) {
    whenUp().whenComplete((connection, down) -> {
      if (down != null) {
        result.completeExceptionally(asPeerException(down));
        return;
      }
      connection.call(request, replyType)
          .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((reply, error) -> {
            if (error == null) {
              result.complete(reply);
            } else if (ConnectionClosedException.isCause(error)) {
              lost(connection);
              attempt(request, replyType, result);
            } else if (unwrap(error) instanceof TimeoutException) {
              result.completeExceptionally(new PeerException("the queue at " + address
                  + " did not answer within " + CALL_TIMEOUT.toSeconds() + " s", error));
            } else {
              result.completeExceptionally(asPeerException(error));
            }
          });
    });
  }

  /**
   * The current connection once it is up (at once when it is): completes with the connection,
   * or fails with the give-up reason, or {@link ConnectionClosedException} once closed. For
   * callers that must know which connection a request went out on.
   */
  public synchronized CompletableFuture<PeerConnection> whenUp() {
    return switch (state) {
      case UP -> CompletableFuture.completedFuture(current);
      case DOWN -> {
        CompletableFuture<PeerConnection> waiter = new CompletableFuture<>();
        waiting.add(waiter);
        yield waiter;
      }
      case CLOSED -> CompletableFuture.failedFuture(closed());
      case FAILED -> CompletableFuture.failedFuture(failure);
    };
  }

  /** The current connection if it is up, else empty: for calls that are skipped when down. */
  public synchronized Optional<PeerConnection> current() {
    return state == State.UP ? Optional.ofNullable(current) : Optional.empty();
  }

  @Override
  public HostAndPort address() {
    return address;
  }

  /**
   * Marks {@code connection} as gone, if it is the current one, and starts reconnecting.
   * Idempotent; also for callers who saw their connection close first.
   */
  public void lost(PeerConnection connection) {
    synchronized (this) {
      if (state != State.UP || current != connection) {
        return;
      }
      state = State.DOWN;
      current = null;
      downSinceNanos = System.nanoTime();
      failedAttempts = 0;
    }
    LOG.warn("lost the connection to the queue at {}; reconnecting{}", address,
        policy.window() == null ? "" : " for up to " + describe(policy.window()));
    try {
      reconnector.execute(connection::close);
      reconnector.schedule(this::reconnect, policy.delay(0).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      connection.close();
    }
  }

  private void reconnect() {
    boolean first;
    synchronized (this) {
      if (state != State.DOWN) {
        return;
      }
      first = starting;
    }
    PeerConnection connection = null;
    try {
      connection = connector.connect();
      hook.establish(connection, first);
      if (!connection.isOpen()) {
        throw new ConnectionClosedException("the queue at " + address
            + " closed the connection while it was being re-established");
      }
    } catch (RuntimeException e) {
      boolean retry = retryable(e, connection);
      if (connection != null) {
        connection.close();
      }
      failed(e, retry);
      return;
    }
    List<CompletableFuture<PeerConnection>> ready;
    long outageMillis;
    synchronized (this) {
      if (state != State.DOWN) {
        connection.close();
        return;
      }
      state = State.UP;
      starting = false;
      current = connection;
      ready = waiters();
      outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSinceNanos);
    }
    LOG.info("{} the queue at {} after {} ms", first ? "connected to" : "reconnected to",
        address, outageMillis);
    PeerConnection established = connection;
    connection.closeFuture().thenRun(() -> lost(established));
    ready.forEach(waiter -> waiter.complete(established));
  }

  private void failed(RuntimeException error, boolean retry) {
    Duration outage;
    int attempts;
    boolean first;
    synchronized (this) {
      if (state != State.DOWN) {
        return;
      }
      outage = Duration.ofNanos(System.nanoTime() - downSinceNanos);
      attempts = ++failedAttempts;
      first = starting;
    }
    LOG.debug("attempt {} to connect to {} failed: {}", attempts, address, error.toString());
    String lost = first ? "could not connect to the queue at " + address
        : "lost the connection to the queue at " + address;
    if (!retry) {
      giveUp(new PeerException(lost + (first ? ": " : "; on reconnecting: ")
          + error.getMessage(), error));
      return;
    }
    ReconnectPolicy applying = first ? startPolicy : policy;
    Optional<Duration> remaining = applying.remaining(outage);
    if (remaining.isPresent() && remaining.get().isZero()) {
      giveUp(new PeerException(lost + (first ? " within " : " and could not reconnect within ")
          + describe(applying.window()) + " (last attempt: " + error.getMessage() + ")",
          error));
      return;
    }
    Duration delay = applying.delay(attempts);
    if (remaining.isPresent() && remaining.get().compareTo(delay) < 0) {
      delay = remaining.get();
    }
    try {
      reconnector.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile: nothing left to do
    }
  }

  private void giveUp(PeerException reason) {
    List<CompletableFuture<PeerConnection>> waiters;
    synchronized (this) {
      if (state != State.DOWN) {
        return;
      }
      state = State.FAILED;
      failure = reason;
      waiters = waiters();
    }
    reconnector.shutdown();
    onGiveUp.accept(reason);
    waiters.forEach(waiter -> waiter.completeExceptionally(reason));
  }

  /** Closes the connection and stops reconnecting; waiting and later calls fail. */
  @Override
  public void close() {
    PeerConnection connection;
    List<CompletableFuture<PeerConnection>> waiters;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      connection = current;
      current = null;
      waiters = waiters();
    }
    reconnector.shutdownNow();
    waiters.forEach(waiter -> waiter.completeExceptionally(closed()));
    if (connection != null) {
      connection.close();
    }
  }

  /**
   * Takes the calls waiting for a connection, to be completed in the order they were made, so
   * that requests go out on the new connection in that order (a worker's completion before its
   * next lease request, for one). Called holding the lock.
   */
  private List<CompletableFuture<PeerConnection>> waiters() {
    List<CompletableFuture<PeerConnection>> taken = List.copyOf(waiting);
    waiting.clear();
    return taken;
  }

  private ConnectionClosedException closed() {
    return new ConnectionClosedException("the connection to the queue at " + address
        + " is closed");
  }

  /** A window as people say it: {@code 30 s}, or {@code 300 ms} when not whole seconds. */
  private static String describe(Duration window) {
    return window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms";
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static PeerException asPeerException(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof PeerException peer) {
      return peer;
    }
    String message = cause == null || cause.getMessage() == null ? String.valueOf(cause)
        : cause.getMessage();
    return new PeerException(message, cause == null ? error : cause);
  }
}
