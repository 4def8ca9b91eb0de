package io.impetus.queue.internal.stream;

import io.impetus.core.bundle.CodeBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Code bundles by content hash. A bundle is stored only when its bytes hash to its name, so a
 * worker never runs code other than the code its job names. With a directory, each bundle is
 * also written there (synced before {@link #put} returns) and survives a restart; without one,
 * bundles live in memory only.
 *
 * <p>Thread-safe.
 */
public final class BundleStore {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final @Nullable Path directory;
  private final Map<String, byte[]> bundles = new ConcurrentHashMap<>();

  /** A store in {@code directory}, or in memory only when it is null. */
  public BundleStore(@Nullable Path directory) {
    this.directory = directory;
  }

  /** Whether the store holds the bundle. */
  public boolean contains(String hash) {
    return bundles.containsKey(hash) || (directory != null && HASH.matcher(hash).matches()
        && Files.exists(file(directory, hash)));
  }

  /**
   * Stores a bundle.
   *
   * @throws IllegalArgumentException when the bytes do not hash to {@code hash}
   * @throws UncheckedIOException when it cannot be written
   */
  public void put(String hash, byte[] bytes) {
    String actual = CodeBundle.sha256(bytes);
    if (!actual.equals(hash)) {
      throw new IllegalArgumentException(
          "code bundle " + hash + " was refused: its bytes hash to " + actual);
    }
    if (directory != null && !Files.exists(file(directory, hash))) {
      write(directory, hash, bytes);
    }
    bundles.putIfAbsent(hash, bytes);
  }

  private static void write(Path directory, String hash, byte[] bytes) {
    Path target = file(directory, hash);
    Path temporary = directory.resolve(hash + "." + Thread.currentThread().getId() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap(bytes));
        out.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store code bundle " + hash + ": " + e, e);
    }
  }

  /** The bundle's bytes, if stored. */
  public Optional<byte[]> get(String hash) {
    byte[] cached = bundles.get(hash);
    if (cached != null || directory == null || !HASH.matcher(hash).matches()) {
      return Optional.ofNullable(cached);
    }
    try {
      byte[] bytes = Files.readAllBytes(file(directory, hash));
      bundles.putIfAbsent(hash, bytes);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code bundle " + hash + ": " + e, e);
    }
  }

  private static Path file(Path directory, String hash) {
    return directory.resolve(hash + ".jar");
  }
}
