package io.impetus.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method {@code (List<Job> ready, List<Job> errors, Progress progress)} run once after all
 * work is done. {@code ready} and {@code errors} hold the jobs forked with this method as their
 * explicit callback (usually none); {@code progress} holds the final counts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Shutdown {}
