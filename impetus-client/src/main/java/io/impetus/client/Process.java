package io.impetus.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a processing stage: an instance method {@code (List<Job> ready, List<Job> errors)} called
 * in the stage's own thread with batches of finished jobs whose callback is this stage, at most
 * {@link #batch()} jobs per call. Jobs it forks go, by default, to the next stage in declaration
 * order.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Process {

  /**
   * The most jobs ({@code ready} and {@code errors} together) one call receives; at least 1. A
   * call takes the jobs that have arrived, up to this many, without waiting for more.
   */
  int batch() default 1000;
}
