package io.impetus.node.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The workers' class data sharing archive (AppCDS): the classes every worker loads (Impetus,
 * Netty, Kryo, Logback) are mapped from one file instead of being read from jars,
 * parsed and verified again by each new worker JVM, which takes about a third off a worker's
 * start. A node's first worker writes the archive as it exits ({@code -XX:ArchiveClassesAtExit});
 * the workers started after that use it ({@code -XX:SharedArchiveFile}). When that first worker
 * is a warm one, it leaves as soon as it is warm (unless a stream took it meanwhile), so the
 * archive holds the job path's classes and the workers after it map it from the start. There is
 * one archive per JVM and worker classpath, named by a hash of the JVM's version and of each
 * classpath entry's path, size and time, in the {@code cds} folder of the node's cache; it is
 * written under a temporary name and moved into place, so nodes sharing a cache never see half an
 * archive. A JVM that cannot use an archive (another build, a damaged file) starts without it.
 *
 * <p>Off when a worker's JVM options already choose class sharing ({@code -Xshare:off}, {@code
 * SharedArchiveFile}, {@code ArchiveClassesAtExit}). At most {@link #MOST_WRITES} workers try to
 * write it, one at a time. Writing an archive deletes all but the {@link #KEPT} newest in the
 * folder, so that upgrades do not fill the cache (a worker that has an archive mapped keeps
 * using it when the file is deleted).
 *
 * <p>Thread-safe.
 */
final class ClassArchive {

  /** How many workers of a node may try to write the archive, one after another. */
  static final int MOST_WRITES = 3;
  /** How many archives the folder keeps, the one just written included. */
  static final int KEPT = 3;
  private static final String PREFIX = "worker-";
  private static final String SUFFIX = ".jsa";

  private final Path archive;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger writing = new AtomicInteger();

  private ClassArchive(Path archive) {
    this.archive = archive;
  }

  /**
   * The archive of workers run by {@code java} (the node's own JVM) with {@code classpath}, kept
   * in {@code cache}.
   */
  static ClassArchive in(Path cache, Path java, String classpath) {
    return new ClassArchive(cache.resolve("cds").resolve(PREFIX + key(java, classpath) + SUFFIX));
  }

  /** Where the archive is, once written. */
  Path file() {
    return archive;
  }

  /**
   * The class sharing options of the next worker, whose other JVM options are {@code options}:
   * use the archive when it exists; else write it, unless another worker is writing it.
   */
  Use next(List<String> options) {
    if (options.stream().anyMatch(option -> option.equals("-Xshare:off")
        || option.contains("SharedArchiveFile") || option.contains("ArchiveClassesAtExit"))) {
      return Use.NONE;
    }
    if (Files.isRegularFile(archive)) {
      return new Use(List.of("-XX:SharedArchiveFile=" + archive), () -> { });
    }
    if (writes.get() >= MOST_WRITES || !writing.compareAndSet(0, 1)) {
      return Use.NONE;
    }
    int attempt = writes.incrementAndGet();
    Path temporary = archive.resolveSibling(archive.getFileName() + "."
        + ProcessHandle.current().pid() + "-" + attempt + ".tmp");
    try {
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      writing.set(0);
      return Use.NONE;
    }
    return new Use(List.of("-XX:ArchiveClassesAtExit=" + temporary), () -> {
      try {
        if (Files.isRegularFile(temporary) && Files.size(temporary) > 0) {
          Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          deleteAllButNewest();
        } else {
          Files.deleteIfExists(temporary);
        }
      } catch (IOException e) {
        // no archive this time (a later worker tries again), or older ones left in place
      } finally {
        writing.set(0);
      }
    });
  }

  /** Deletes the archives of the folder but the {@link #KEPT} newest; a failure leaves them. */
  private void deleteAllButNewest() throws IOException {
    List<Path> older;
    try (Stream<Path> files = Files.list(archive.getParent())) {
      older = files.filter(file -> !file.equals(archive))
          .filter(file -> file.getFileName().toString().startsWith(PREFIX)
              && file.getFileName().toString().endsWith(SUFFIX))
          .sorted(Comparator.comparing(ClassArchive::modified).reversed())
          .skip(KEPT - 1)
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path file : older) {
      Files.deleteIfExists(file);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static String key(Path java, String classpath) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((java + "\n" + Runtime.version() + "\n").getBytes(StandardCharsets.UTF_8));
      for (String entry : classpath.split(File.pathSeparator)) {
        Path path = Path.of(entry);
        String stamp = entry;
        try {
          stamp += " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
          stamp += " missing";
        }
        digest.update((stamp + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /**
   * A worker's class sharing.
   *
   * @param options its JVM options
   * @param ended to run once the worker has ended (it moves a written archive into place)
   */
  record Use(List<String> options, Runnable ended) {

    /** No options of ours: the JVM's own default sharing. */
    static final Use NONE = new Use(List.of(), () -> { });

    /** Whether the worker writes the archive as it exits. */
    boolean writes() {
      return options.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }
  }
}
