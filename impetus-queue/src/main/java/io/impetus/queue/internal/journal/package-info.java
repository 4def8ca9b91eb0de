/**
 * The queue's durable journal: every change to the queue's state as an append-only sequence of
 * records in segment files, written by one thread with group commit, replayed on start and
 * compacted by snapshots.
 */
@NullMarked
package io.impetus.queue.internal.journal;

import org.jspecify.annotations.NullMarked;
