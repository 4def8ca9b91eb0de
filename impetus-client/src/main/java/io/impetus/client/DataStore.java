package io.impetus.client;

import org.jspecify.annotations.Nullable;

/**
 * A stream's data store: values by key, kept by the queue and shared by the client and every job
 * of its stream, for data too large to fork with each job. Values are serialized like job
 * arguments. Each call is a round trip to the queue and returns once the queue has answered, so a
 * job forked after {@link #put} sees the value.
 *
 * <p>Thread-safe. Available in a client while {@link Client#run()} runs, and in a job through
 * {@link JobContext#store()}.
 */
public interface DataStore {

  /**
   * Stores {@code value} under {@code key}, replacing what was there.
   *
   * @throws IllegalArgumentException when the value cannot be serialized
   * @throws ImpetusException when the queue cannot be reached
   */
  void put(String key, @Nullable Object value);

  /** The value under {@code key}, or null when there is none. */
  @Nullable Object get(String key);

  /**
   * The value under {@code key} as a {@code type}, or null when there is none.
   *
   * @throws ClassCastException when the value is of another type
   */
  <T> @Nullable T get(String key, Class<T> type);

  /** Removes {@code key}; returns whether it was there. */
  boolean remove(String key);
}
