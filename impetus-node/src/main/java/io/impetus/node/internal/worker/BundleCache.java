package io.impetus.node.internal.worker;

import io.impetus.core.bundle.CodeBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Class loaders for code bundles. A bundle is fetched once per node and kept on disk under its
 * hash; a file whose content no longer matches its hash is fetched again. Each bundle gets its own
 * loader, whose parent holds only Impetus and its libraries, never the client's classes.
 *
 * <p>Thread-safe.
 */
final class BundleCache {

  private final Path directory;
  private final Function<String, byte[]> fetch;
  private final ClassLoader parent;
  private final Map<String, URLClassLoader> loaders = new HashMap<>();

  /**
   * A cache in {@code directory}, fetching missing bundles with {@code fetch}.
   *
   * @param fetch returns the bytes of the bundle with this hash
   */
  BundleCache(Path directory, Function<String, byte[]> fetch, ClassLoader parent) {
    this.directory = directory;
    this.fetch = fetch;
    this.parent = parent;
  }

  /**
   * The class loader of the bundle with this hash.
   *
   * @throws IllegalStateException when the bundle cannot be fetched or does not match its hash
   */
  synchronized ClassLoader loader(String hash) {
    URLClassLoader loader = loaders.get(hash);
    if (loader == null) {
      Path file = ensureOnDisk(hash);
      try {
        loader = new URLClassLoader("bundle-" + hash.substring(0, 12),
            new URL[] {file.toUri().toURL()}, parent);
      } catch (MalformedURLException e) {
        throw new IllegalStateException("cannot load code bundle " + file, e);
      }
      loaders.put(hash, loader);
    }
    return loader;
  }

  private Path ensureOnDisk(String hash) {
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalStateException("'" + hash + "' is not a code bundle hash");
    }
    Path file = directory.resolve(hash + ".jar");
    try {
      if (Files.isRegularFile(file)
          && CodeBundle.sha256(Files.readAllBytes(file)).equals(hash)) {
        return file;
      }
      byte[] bytes = fetch.apply(hash);
      String actual = CodeBundle.sha256(bytes);
      if (!actual.equals(hash)) {
        throw new IllegalStateException(
            "code bundle " + hash + " is corrupt: its bytes hash to " + actual);
      }
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, hash, ".part");
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache code bundle " + hash + " in " + directory, e);
    }
  }
}
