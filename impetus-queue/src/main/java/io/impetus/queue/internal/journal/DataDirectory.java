package io.impetus.queue.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The queue's {@code --data} directory: {@code journal/} (segments and snapshots), {@code
 * bundles/} (code bundles by hash), a {@code lock} file held while a queue uses the directory,
 * and a {@code generation} counter raised at each start (lease epochs begin with it, so that no
 * epoch is ever handed out twice).
 *
 * <p>Thread-safe. Closing releases the lock.
 */
public final class DataDirectory implements AutoCloseable {

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final long generation;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock, long generation) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.generation = generation;
  }

  /**
   * Opens (creating when missing) and locks a data directory, and raises its generation.
   *
   * @throws IllegalStateException with a one-line reason when the directory cannot be created or
   *     written, or another queue holds it
   */
  public static DataDirectory open(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(absolute.resolve("journal"));
      Files.createDirectories(absolute.resolve("bundles"));
      channel = FileChannel.open(absolute.resolve("lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException("another queue is using the data directory " + absolute);
      }
      long generation = nextGeneration(absolute);
      return new DataDirectory(absolute, channel, lock, generation);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new IllegalStateException("another queue is using the data directory " + absolute, e);
    } catch (AccessDeniedException e) {
      closeQuietly(channel);
      throw new IllegalStateException("cannot write the data directory " + absolute
          + ": permission denied on " + e.getFile(), e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new IllegalStateException("cannot use the data directory " + absolute + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static long nextGeneration(Path root) throws IOException {
    Path file = root.resolve("generation");
    long generation = 1;
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      try {
        generation = Long.parseLong(text) + 1;
      } catch (NumberFormatException e) {
        throw new IllegalStateException(file + " does not hold a number: '" + text + "'", e);
      }
    }
    Path temporary = root.resolve("generation.tmp");
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(StandardCharsets.US_ASCII.encode(Long.toString(generation)));
      out.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(root);
    return generation;
  }

  /** Forces a directory's entries (created, renamed, deleted files) to disk. */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync the directory " + directory, e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // already failing; the original error is reported
      }
    }
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /** Where the journal's segments and snapshots are. */
  public Path journal() {
    return root.resolve("journal");
  }

  /** Where code bundles are. */
  public Path bundles() {
    return root.resolve("bundles");
  }

  /** This start's generation: 1 for a new directory, then one more at each start. */
  public long generation() {
    return generation;
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock on " + root, e);
    }
  }
}
