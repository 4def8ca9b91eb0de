package io.impetus.queue.internal.stream;

import io.impetus.core.bundle.CodeBundle;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code bundles by content hash. A bundle is stored only when its bytes hash to its name, so a
 * worker never runs code other than the code its job names. Thread-safe.
 */
public final class BundleStore {

  private final Map<String, byte[]> bundles = new ConcurrentHashMap<>();

  /** Whether the store holds the bundle. */
  public boolean contains(String hash) {
    return bundles.containsKey(hash);
  }

  /**
   * Stores a bundle.
   *
   * @throws IllegalArgumentException when the bytes do not hash to {@code hash}
   */
  public void put(String hash, byte[] bytes) {
    String actual = CodeBundle.sha256(bytes);
    if (!actual.equals(hash)) {
      throw new IllegalArgumentException(
          "code bundle " + hash + " was refused: its bytes hash to " + actual);
    }
    bundles.putIfAbsent(hash, bytes);
  }

  /** The bundle's bytes, if stored. */
  public Optional<byte[]> get(String hash) {
    return Optional.ofNullable(bundles.get(hash));
  }
}
