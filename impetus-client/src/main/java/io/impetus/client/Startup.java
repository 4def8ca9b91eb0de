package io.impetus.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the stage that starts the work: an instance method without parameters, run once in its
 * own thread when {@link Client#run()} begins. Jobs it forks go, by default, to the next stage in
 * declaration order.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Startup {}
