package io.impetus.worker.internal;

import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.net.ConnectionClosedException;
import io.impetus.core.net.PeerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class loaders for code bundles. A bundle is fetched at most once per node and kept on disk as
 * {@code <directory>/<hash>.jar}; a file whose content no longer matches its hash is fetched
 * again. Each bundle gets its own loader, whose parent holds only Impetus and its libraries,
 * never the client's classes.
 *
 * <p>The worker JVMs of one node share the directory and may start at once. Checking for a
 * bundle, fetching it and writing it happen under an exclusive {@link FileLock} on {@code
 * <directory>/<hash>.lock}, so that one process fetches while the others wait and then find the
 * file. A file lock is held for the whole JVM and cannot be taken twice in one JVM, so caches in
 * the same JVM first take a lock of this JVM for the same file. The lock files stay in place.
 *
 * <p>Thread-safe. Errors are {@link IllegalStateException}s (or {@link UncheckedIOException}s for
 * the cache's own disk) whose message names the bundle and says what went wrong; the worker
 * reports them as the job's error.
 */
final class BundleCache {

  private static final Logger LOG = LoggerFactory.getLogger(BundleCache.class);
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** This JVM's lock for each lock file (by real path), taken before the file lock. */
  private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path directory;
  private final Function<String, byte[]> fetch;
  private final ClassLoader parent;
  private final Map<String, URLClassLoader> loaders = new HashMap<>();

  /**
   * A cache in {@code directory}, fetching missing bundles with {@code fetch}.
   *
   * @param fetch returns the bytes of the bundle with this hash; throws a {@link PeerException}
   *     (possibly wrapped in a {@link CompletionException}) when the queue answers that it
   *     cannot, which for a bundle means the queue does not hold it
   */
  BundleCache(Path directory, Function<String, byte[]> fetch, ClassLoader parent) {
    this.directory = directory;
    this.fetch = fetch;
    this.parent = parent;
  }

  /**
   * The class loader of the bundle with this hash, fetching the bundle first when the node has
   * no intact copy of it.
   *
   * @throws IllegalStateException when the bundle cannot be fetched or does not match its hash
   * @throws UncheckedIOException when the cache directory cannot be written or read
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
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalStateException(
          "'" + hash + "' is not a code bundle hash (64 lower-case hex digits)");
    }
    Path lockFile;
    try {
      Files.createDirectories(directory);
      lockFile = directory.toRealPath().resolve(hash + ".lock");
    } catch (IOException e) {
      throw cannotCache(hash, e);
    }
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, path -> new ReentrantLock());
    try {
      jvmLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for code bundle " + hash + " to be cached", e);
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      return fetchUnlessCached(hash, lockFile.resolveSibling(hash + ".jar"));
    } catch (IOException e) {
      throw cannotCache(hash, e);
    } finally {
      jvmLock.unlock();
    }
  }

  /** Called with the bundle's locks held. */
  private Path fetchUnlessCached(String hash, Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      String cached = CodeBundle.sha256(Files.readAllBytes(file));
      if (cached.equals(hash)) {
        return file;
      }
      LOG.warn("cached code bundle {} is corrupt (its bytes hash to {}); fetching it again",
          file, cached);
    }
    byte[] bytes = fetch(hash);
    String actual = CodeBundle.sha256(bytes);
    if (!actual.equals(hash)) {
      throw new IllegalStateException("code bundle " + hash + " sent by the queue is corrupt: its "
          + bytes.length + " bytes hash to " + actual);
    }
    Path temporary = Files.createTempFile(file.getParent(), hash, ".part");
    try {
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    LOG.info("fetched code bundle {} ({} bytes) into {}", hash, bytes.length, file);
    return file;
  }

  private byte[] fetch(String hash) {
    try {
      return fetch.apply(hash);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null
          ? e.getCause() : e;
      if (cause instanceof PeerException && !(cause instanceof ConnectionClosedException)) {
        throw new IllegalStateException("code bundle " + hash + " is not in the queue: "
            + cause.getMessage() + " (a client uploads its code bundle when it runs: run the"
            + " client that forked this job again)", cause);
      }
      throw new IllegalStateException("cannot fetch code bundle " + hash + " from the queue: "
          + cause, cause);
    }
  }

  private UncheckedIOException cannotCache(String hash, IOException e) {
    return new UncheckedIOException(
        "cannot cache code bundle " + hash + " in " + directory + ": " + e, e);
  }
}
