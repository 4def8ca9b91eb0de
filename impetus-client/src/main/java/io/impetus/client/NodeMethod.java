package io.impetus.client;

import java.io.Serializable;

/**
 * A {@link Node @Node} method as a method reference, for the type-checked form of fork:
 * {@code fork(Helloworld::pow, 3)}. Only its name and class are used; the reference is never
 * called on the client.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface NodeMethod<A, R> extends Serializable {
  /** Runs the method (on a worker). */
  R apply(A argument);
}
