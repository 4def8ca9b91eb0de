package io.impetus.core.net;

import io.impetus.core.protocol.Reply;
import io.impetus.core.protocol.Request;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.LongFunction;

/**
 * Something that sends requests to the queue and returns the futures of their replies: a {@link
 * PeerConnection}, or a {@link ReconnectingConnection} that outlives its connections. Lets code
 * that only makes calls (a data store, say) work over either.
 *
 * <p>Implementations are thread-safe.
 */
public interface QueueCaller {

  /**
   * Sends a request and returns the future of its reply.
   *
   * @param request builds the request from the request id it must carry
   * @param replyType the reply expected; any other reply fails the future
   * @return completed with the reply, or failed with a {@link PeerException}
   */
  <R extends Reply> CompletableFuture<R> call(
      LongFunction<? extends Request> request, Class<R> replyType);

  /** The queue's address, for messages. */
  HostAndPort address();

  /**
   * Why a call failed, for a message: the message of the first cause that is not a future's
   * wrapper ({@link CompletionException}, {@link ExecutionException}), else its string form.
   */
  static String failureMessage(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
